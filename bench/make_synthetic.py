"""`python -m bench.make_synthetic`: build the synthetic province of the benchmark (DESIGN.md §8).

    python -m bench.make_synthetic                      # full size: 1.100 units, 60 indicators, 20 quarters
    python -m bench.make_synthetic --units 110 --flush     # a tenth, replacing earlier synthetic data

Against the database of DATABASE_URL (the benchmark sets it; see bench/data.py).
"""

import argparse
import datetime as dt
import os
import sys


def _date(raw):
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"Ngày “{raw}” không hợp lệ (định dạng YYYY-MM-DD).") from None


def main(argv=None, stdout=None):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from .synthetic import FULL_UNITS, PASSWORD, Params, generate

    out = stdout or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m bench.make_synthetic", description=(
        "Tạo một tỉnh tổng hợp để đo hiệu năng: đơn vị, nghị quyết, chỉ tiêu, mục tiêu, kỳ báo cáo, "
        "số liệu (minh họa) và tài khoản. Cùng seed cho cùng dữ liệu."))
    parser.add_argument("--units", type=int, default=FULL_UNITS, help="Số đơn vị (mặc định 1100).")
    parser.add_argument("--indicators", type=int, default=60, help="Số chỉ tiêu (mặc định 60, chia cho 3 văn bản).")
    parser.add_argument("--quarters", type=int, default=20, help="Số quý có số liệu (mặc định 20).")
    parser.add_argument("--seed", type=int, default=42, help="Hạt giống ngẫu nhiên (mặc định 42).")
    parser.add_argument("--today", type=_date, default=None,
                        help="Ngày “hôm nay” (YYYY-MM-DD) quyết định quý gần nhất đã hết hạn nộp; mặc định hôm nay.")
    parser.add_argument("--flush", action="store_true", help="Xóa dữ liệu tổng hợp cũ trước khi tạo.")
    args = parser.parse_args(argv)
    if args.units < 5 or args.indicators < 1 or args.quarters < 1:
        parser.error("Cần --units ≥ 5, --indicators ≥ 1 và --quarters ≥ 1.")
    params = Params(units=args.units, indicators=args.indicators, quarters=args.quarters, seed=args.seed,
                    today=args.today)
    try:
        summary = generate(params, stdout=out, flush_first=args.flush)
    except (RuntimeError, ValueError) as exc:
        parser.exit(1, f"{exc}\n")
    print("", file=out)
    print("Tổng số:", file=out)
    for label, n in summary.counts.items():
        print(f"  {label:<24}{n}", file=out)
    print("Thời gian từng bước (giây): " + ", ".join(f"{k} {v}" for k, v in summary.timings.items()), file=out)
    print(f"Đã tạo dữ liệu tổng hợp trong {summary.seconds} giây (kỳ {summary.periods[0]} … {summary.periods[-1]}).",
          file=out)
    print("", file=out)
    print(f"Tài khoản (mật khẩu chung: {PASSWORD}):", file=out)
    for username, role, unit in summary.accounts:
        print(f"  {username:<28}{role:<18}{unit}", file=out)
    print("  … và syn.nhaplieu.<mã> / syn.lanhdao.<mã> cho mỗi Sở, phòng GDĐT, xã "
          "(mã viết thường, ví dụ syn.nhaplieu.pgd01, syn.lanhdao.xa03).", file=out)
    return summary


if __name__ == "__main__":
    main()
