"""`manage.py make_synthetic`: the synthetic province of the benchmark (DESIGN.md §8).

A thin caller of `indicators.synthetic` (read its docstring for the shape of
the data). Examples:

    python manage.py make_synthetic                       # full size: 1.100 units, 60 indicators, 20 quarters
    python manage.py make_synthetic --units 110 --flush   # a tenth, replacing earlier synthetic data
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from indicators import synthetic


def _date(raw):
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"Ngày “{raw}” không hợp lệ (định dạng YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Tạo một tỉnh tổng hợp để đo hiệu năng: đơn vị, nghị quyết, chỉ tiêu, mục tiêu, kỳ báo cáo, "
        "số liệu (minh họa) và tài khoản. Cùng seed cho cùng dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=synthetic.FULL_UNITS, help="Số đơn vị (mặc định 1100).")
        parser.add_argument("--indicators", type=int, default=60, help="Số chỉ tiêu (mặc định 60, chia cho 3 văn bản).")
        parser.add_argument("--quarters", type=int, default=20, help="Số quý có số liệu (mặc định 20).")
        parser.add_argument("--seed", type=int, default=42, help="Hạt giống ngẫu nhiên (mặc định 42).")
        parser.add_argument("--today", type=_date, default=None,
                            help="Ngày “hôm nay” (YYYY-MM-DD) quyết định quý gần nhất đã hết hạn nộp; mặc định hôm nay.")
        parser.add_argument("--flush", action="store_true", help="Xóa dữ liệu tổng hợp cũ trước khi tạo.")

    def handle(self, *args, units, indicators, quarters, seed, today, flush, **options):
        if units < 5 or indicators < 1 or quarters < 1:
            raise CommandError("Cần --units ≥ 5, --indicators ≥ 1 và --quarters ≥ 1.")
        params = synthetic.Params(units=units, indicators=indicators, quarters=quarters, seed=seed, today=today)
        try:
            summary = synthetic.generate(params, stdout=self.stdout, flush_first=flush)
        except (RuntimeError, ValueError) as exc:
            raise CommandError(str(exc)) from None

        self.stdout.write("")
        self.stdout.write("Tổng số:")
        for label, n in summary.counts.items():
            self.stdout.write(f"  {label:<24}{n}")
        self.stdout.write("Thời gian từng bước (giây): " + ", ".join(f"{k} {v}" for k, v in summary.timings.items()))
        self.stdout.write(self.style.SUCCESS(
            f"Đã tạo dữ liệu tổng hợp trong {summary.seconds} giây (kỳ {summary.periods[0]} … {summary.periods[-1]})."
        ))
        self.stdout.write("")
        self.stdout.write(f"Tài khoản (mật khẩu chung: {synthetic.PASSWORD}):")
        for username, role, unit in summary.accounts:
            self.stdout.write(f"  {username:<28}{role:<18}{unit}")
        self.stdout.write("  … và syn.nhaplieu.<mã> / syn.lanhdao.<mã> cho mỗi Sở, phòng GDĐT, xã "
                          "(mã viết thường, ví dụ syn.nhaplieu.pgd01, syn.lanhdao.xa03).")
