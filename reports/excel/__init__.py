"""Excel both ways: the report workbooks written (export) and the data-entry round trip: the template a unit
downloads (template), the upload read (reading), checked (checks) and saved all or nothing (saving), large
uploads in the worker (jobs, tasks), and the page and API that call them (views, urls, api)."""
