"""`manage.py serve`: runserver plus, without a broker, the beat schedule in-process (reports.runs.schedule).

`make run` uses it, so the embedded default sends reminders and compiles reports like production.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand

from reports.runs.schedule import embedded_wanted, start_embedded_beat


class Command(RunserverCommand):
    help = "Chạy máy chủ phát triển kèm lịch chạy định kỳ (celery beat) trong cùng tiến trình khi không có Redis."

    def inner_run(self, *args, **options):
        # inner_run runs in the serving process (the autoreloader's child), once per reload.
        if embedded_wanted() and not getattr(self, "_beat", None):
            self._beat = start_embedded_beat()
            self.stdout.write("Lịch chạy định kỳ: đang chạy trong tiến trình này (không có Redis).")
        return super().inner_run(*args, **options)
