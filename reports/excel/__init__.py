"""Excel both ways: the report workbooks written (export) and the data-entry round trip: the template a unit
downloads, the upload read, checked and saved all or nothing (imports), large uploads in the worker (jobs,
tasks), and the page and API that call them (views, urls, api)."""
