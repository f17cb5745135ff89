#!/usr/bin/env python3
"""Seeded generator of benchmark corpora for bango. Nothing it writes is committed.

Every identifier it plants is synthetic: a My Number is 11 random digits completed with
the mod-11 check digit (weights 6,5,4,3,2,7,6,5,4,3,2; r = sum mod 11; check = 0 if
r <= 1 else 11 - r), a corporate number 12 random digits preceded by the mod-9 check
digit (9 - sum of the digits weighted 1,2,1,2,... from the right, mod 9). Decoys are
numbers of the same shapes with a wrong check digit, card-like 16-digit runs, phone
numbers, dates, amounts and order numbers, so the scanner does real work.

Usage:
  generate_corpus.py text  OUT --size 1G   [--seed N]   one large text file
  generate_corpus.py tree  OUT --files 20000 [--seed N] many small files
  generate_corpus.py hrcsv OUT --rows 1000000 [--seed N] an HR export
  generate_corpus.py weblog OUT --size 64M [--seed N]  a web log dense in the secret
                                                       rules' trigger literals (no secrets)
The identifiers planted are counted in OUT.expected.json next to the output.
"""
import argparse
import json
import os
import random
import sys

MY_WEIGHTS = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def my_number(rng):
    body = [rng.randrange(10) for _ in range(11)]
    r = sum(d * w for d, w in zip(body, MY_WEIGHTS)) % 11
    return "".join(map(str, body + [0 if r <= 1 else 11 - r]))


def bad_my_number(rng):
    good = my_number(rng)
    return good[:-1] + str((int(good[-1]) + rng.randrange(1, 10)) % 10)


def corporate_number(rng):
    body = [rng.randrange(10) for _ in range(12)]
    s = sum(d * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(body)))
    return str(9 - s % 9) + "".join(map(str, body))


FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def styled(rng, number):
    """The shapes people write: plain, grouped, full-width."""
    style = rng.randrange(6)
    if style == 0:
        return number
    if style == 1:
        return f"{number[:4]} {number[4:8]} {number[8:]}"
    if style == 2:
        return f"{number[:4]}-{number[4:8]}-{number[8:]}"
    if style == 3:
        return number.translate(FULL)
    if style == 4:
        return f"{number[:4]}\u3000{number[4:8]}\u3000{number[8:]}".translate(FULL)
    return f"{number[:4]}－{number[4:8]}－{number[8:]}"


JA_PHRASES = [
    "お世話になっております。", "本件につきまして確認をお願いいたします。", "会議は来週の水曜日に変更となりました。",
    "添付の資料をご覧ください。", "ご不明な点がございましたらご連絡ください。", "経理部より請求書を送付いたします。",
    "人事異動のお知らせ", "年末調整の書類を提出してください。", "社内規程の改定について", "出張旅費の精算",
    "株式会社サンプル商事", "東京都千代田区丸の内", "営業部第二課", "担当：山田", "よろしくお願いいたします。",
]
EN_WORDS = ("the of and to in is for on that by this with from at as are was it be or an request "
            "server customer invoice order payment shipment account report update status ok error user").split()
KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"


def noise_line(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return "".join(rng.choice(JA_PHRASES) for _ in range(rng.randrange(1, 4)))
    if kind == 1:
        return (f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}:"
                f"{rng.randrange(60):02d}:{rng.randrange(60):02d}Z INFO "
                + " ".join(rng.choice(EN_WORDS) for _ in range(rng.randrange(5, 14)))
                + f" id={rng.randrange(10**6)} took {rng.randrange(1000)}ms")
    if kind == 2:
        name = "".join(rng.choice(KATAKANA) for _ in range(rng.randrange(2, 6)))
        return (f"{rng.randrange(10**5, 10**6)},{name},0{rng.randrange(70, 91)}-{rng.randrange(1000, 9999)}-"
                f"{rng.randrange(1000, 9999)},{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)},"
                f"2023/{rng.randrange(1, 13)}/{rng.randrange(1, 29)},{rng.randrange(1000, 999999):,}")
    if kind == 3:
        return (f"注文番号 {rng.randrange(10**9, 10**10)} 金額 ¥{rng.randrange(100, 10**6):,} "
                f"数量 {rng.randrange(1, 100)} 発送日 2024年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日")
    return " ".join(rng.choice(EN_WORDS) for _ in range(rng.randrange(6, 16))).capitalize() + "."


def planted_line(rng, counts):
    kind = rng.randrange(6)
    if kind == 0:
        counts["jp.my_number"] += 1
        return f"個人番号：{styled(rng, my_number(rng))}"
    if kind == 1:
        counts["jp.my_number"] += 1
        return f"社員 {rng.randrange(10**5)} 番号 {styled(rng, my_number(rng))} 確認済"
    if kind == 2:
        counts["jp.corporate_number"] += 1
        return f"取引先 法人番号 T{corporate_number(rng)}"
    if kind == 3:
        return f"問い合わせ番号 {bad_my_number(rng)}"  # decoy: wrong check digit
    if kind == 4:
        return f"card {rng.randrange(4000, 4999)} {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}"
    return f"tracking {rng.randrange(10**15, 10**16)}"  # decoy: a longer digit run


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(text[:-1]) * units[text[-1].upper()] if text[-1].upper() in units else int(text)


def write_text(path, size, rng, plant_every=2000):
    """Writes whole lines until `size` bytes; counts only identifiers actually written."""
    counts = {"jp.my_number": 0, "jp.corporate_number": 0}
    written = 0
    with open(path, "wb") as out:
        while written < size:
            block = []
            for _ in range(4096):
                planted = {"jp.my_number": 0, "jp.corporate_number": 0}
                line = planted_line(rng, planted) if rng.randrange(plant_every) == 0 else noise_line(rng)
                encoded = (line + "\n").encode()
                if written + len(encoded) > size:
                    written = size
                    break
                block.append(encoded)
                written += len(encoded)
                for key, value in planted.items():
                    counts[key] += value
            out.write(b"".join(block))
    return counts


# Words that begin or hold a secret rule's trigger literal, as a web or proxy log is full
# of: URLs, `key-value`, locales, product codes. None completes a secret, so the log
# measures what the triggers cost, not what reporting costs.
TRIGGER_WORDS = ["GET", "POST", "https://api.acme.io/v1/users/", "http://cdn.acme.jp/img/", "key-value", "en-us",
                 "robot ", "SKU", "token", "password", "Basic ", "curl ", "jdbc:", "sig=", "Q~", "-us", ":AA", "AZDO",
                 "oy2", "hf_", "SG.", "EAAA", "dapi", "A3-", "LTAI", "AKCp"]


def write_weblog(path, size, rng):
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            words = " ".join(rng.choice(TRIGGER_WORDS) + str(rng.randrange(10 ** 6)) for _ in range(8))
            line = (f"2026-12-07T10:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z host=web{rng.randrange(9)} "
                    f"{words} status={rng.choice([200, 404, 500])} ms={rng.randrange(999)}\n")
            out.write(line)
            written += len(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["text", "tree", "hrcsv", "weblog"])
    parser.add_argument("out")
    parser.add_argument("--size", default="1G")
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    # The output's folder may not exist yet (corpus/ is not in the repository).
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    if args.kind == "text":
        counts = write_text(args.out, parse_size(args.size), rng)
    elif args.kind == "weblog":
        write_weblog(args.out, parse_size(args.size), rng)
        counts = {}
    elif args.kind == "tree":
        counts = {"jp.my_number": 0, "jp.corporate_number": 0}
        for index in range(args.files):
            folder = os.path.join(args.out, f"d{index % 100:02d}", f"e{index % 7}")
            os.makedirs(folder, exist_ok=True)
            sub = write_text(os.path.join(folder, f"f{index}.txt"), rng.randrange(1024, 16384), rng, plant_every=200)
            for key in counts:
                counts[key] += sub[key]
    else:
        counts = {"jp.my_number": 0, "jp.corporate_number": 0}
        with open(args.out, "w", encoding="utf-8") as out:
            out.write("社員番号,氏名,部署,個人番号,電話番号,入社日\n")
            for row in range(args.rows):
                name = "".join(rng.choice(KATAKANA) for _ in range(rng.randrange(2, 6)))
                counts["jp.my_number"] += 1
                out.write(f"{100000 + row},{name},営業部,{my_number(rng)},0{rng.randrange(70, 91)}-"
                          f"{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)},2019/{rng.randrange(1, 13)}/1\n")
    with open(args.out.rstrip("/") + ".expected.json", "w") as out:
        json.dump(counts, out)
    print(json.dumps(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
