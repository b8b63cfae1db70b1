"""Everything shown or sent from the figures, one sub-package per concern: dashboards, documents, excel,
runs, notifications (docs/architecture.md). Django's own files stay at this level."""
