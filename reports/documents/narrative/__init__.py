"""The narrative report (ReportKind `narrative`): the Word document an office edits, signs and sends.

For a resolution, a period and a scope: the document frame of `reports.documents.layout`
(heading, number, place and date, "BÁO CÁO" and the trích yếu; signature and
"Nơi nhận"), then

- I. Kết quả thực hiện: the overall count ("Có 6/12 chỉ tiêu đạt và vượt, 4
  chỉ tiêu đúng tiến độ, 2 chỉ tiêu có nguy cơ không đạt"), who reported, and
  per pillar one sentence per indicator in the delegations' words ("Tỷ lệ …
  cấp Sở đạt 92,24%, vượt mục tiêu 90% của năm 2025"), with task progress
  ("11/21 nhiệm vụ phát triển chính quyền số đã triển khai");
- II. Tồn tại, hạn chế và nguyên nhân: the lagging indicators (their levels
  and lowest units), incomplete reporting, the supervisions' findings of kind
  "hạn chế";
- III. Nhiệm vụ, giải pháp: open and overdue tasks and recommendations, the
  indicators to push;
- IV. Kiến nghị, đề xuất: a highlighted paragraph for the office's own text;
- the progress table as the annex ("Phụ lục … Kèm theo Báo cáo số …").

Nothing here computes a figure, a rate or a status: the progress report
(`report_data.progress.progress_report`), its per-unit rows, the completeness and the
tasks report are the same functions the workbooks use; this package only
words them (`indicators.rules` formats) and lays them out with python-docx
as real headings (Word's Heading styles), paragraphs and tables: no text
boxes, no images of text, editable in Word and LibreOffice.

What the report says: `compose` (`narrative_report`), `content` (its dataclasses),
`sections` (I–IV as blocks), `sentences` (how a figure is said). The Word
document: `word` (`write_narrative`: frame and body), `annex` (the progress
table), `docx_parts` (the python-docx helpers).
"""
