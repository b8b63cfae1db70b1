"""The documents an office signs: what a report says (report_data), its frame (layout), the Word
narrative (narrative) and the conversion to PDF (convert). The workbooks are written by reports.excel.export."""
