"""Report runs: requesting, compiling and delivering documents, reminders and subscriptions (services), the
worker's jobs and the beat schedule (tasks, schedule), the "Báo cáo" page and the reports API (views, urls, api)."""
