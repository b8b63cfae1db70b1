"""`manage.py load_demo`: load or refresh the demo data (DESIGN.md §7). Safe to run again."""

from django.core.management.base import BaseCommand

from resolutions.demo.common import DEMO_TODAY
from resolutions.demo.loader import counts, load_demo, logins


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (các nghị quyết, chỉ tiêu, đơn vị, số liệu minh họa, tài khoản demo). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        stats = load_demo(stdout=self.stdout)
        changes = sorted((model, action, n) for (model, action), n in stats.items() if model != "_" and n)
        if changes:
            self.stdout.write("Thay đổi: " + ", ".join(f"{model} {action} {n}" for model, action, n in changes))
        else:
            self.stdout.write("Không có thay đổi: dữ liệu mẫu đã đầy đủ.")
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu trong {stats[('_', 'seconds')]} giây."))

        self.stdout.write("")
        self.stdout.write("Tổng số bản ghi:")
        for label, n in counts().items():
            self.stdout.write(f"  {label:<26}{n:>8}")
        self.stdout.write(
            f"Ngày “hôm nay” của dữ liệu mẫu: {DEMO_TODAY:%d/%m/%Y}. Số liệu theo quý là dữ liệu minh họa "
            "(is_illustrative), trừ các số liệu lấy từ bài báo nguồn."
        )

        rows = [("Tài khoản", "Mật khẩu", "Vai trò", "Đơn vị"), *logins()]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        self.stdout.write("")
        self.stdout.write("Tài khoản demo:")
        for i, (user, password, role, units) in enumerate(rows):
            self.stdout.write(f"  {user:<{widths[0]}}  {password:<{widths[1]}}  {role:<{widths[2]}}  {units}")
            if i == 0:
                self.stdout.write("  " + "-" * (sum(widths) + 6 + max(len(r[3]) for r in rows)))
