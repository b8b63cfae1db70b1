"""What a report says: plain functions returning dataclasses and rows, one module per report.

Nothing here writes a cell or a paragraph (that is `reports.excel.export` and
`reports.documents.narrative`) and nothing here computes a rate, a target or a
status: figures come from `indicators.figures` / `indicators.rules` and task
counts from `resolutions.progress`, so a report always shows what the
dashboards show.

- `progress`: a resolution's indicators and their levels for a period (`progress_report`);
- `unit_rows`: every unit's own figures for the per-unit sheet, batch by batch;
- `scorecard`: one unit and its direct children over a year (`unit_scorecard_report`);
- `completeness`: who had to report, who did, on time (`completeness_report`);
- `tasks_report`: a resolution's tasks and its supervisions' recommendations (`tasks_report`);
- `file_names`: the file a report is saved as (`file_name`);
- `shared`: the pieces the reports share (unit kind labels, the titled reference, the "minh họa" reason).
"""
