#!/usr/bin/env python3
"""Writes Tests/BangoCoreTests/Vectors/*.tsv: validator test vectors whose verdicts come
from python-stdnum (an independent implementation), so bango's validators are tested
differentially, not against themselves.

Every value is synthetic: random digits of the right shape from a fixed seed, half of
them completed with the check digit stdnum accepts, half left as they fall (mostly
invalid). None is a real person's number except by coincidence of shape.

  pip install python-stdnum==2.2 && scripts/make_vectors.py
"""
import os
import random

import stdnum.ar.cuit
import stdnum.ca.bc_phn
import stdnum.ca.sin
import stdnum.es.dni
import stdnum.es.nie
import stdnum.fr.nir
import stdnum.iban
import stdnum.it.codicefiscale
import stdnum.jp.cn
import stdnum.jp.in_
import stdnum.luhn
import stdnum.nl.bsn
import stdnum.pl.pesel

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "BangoCoreTests", "Vectors")
rng = random.Random(20261129)


def digits(count):
    return "".join(rng.choice("0123456789") for _ in range(count))


def complete(make, module, positions):
    """A value from `make`, with the digit at `positions` (index) tried 0-9 until valid."""
    value = make()
    for digit in "0123456789":
        candidate = value[:positions] + digit + value[positions + 1:] if positions >= 0 else value
        if module.is_valid(candidate):
            return candidate
    return value


def pesel():
    month = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) + rng.choice([0, 20])
    return digits(2) + "%02d%02d" % (month, rng.randint(1, 28)) + digits(5)


def nir():
    department = rng.choice(["75", "13", "2A", "2B", "69"])
    return rng.choice("12") + digits(2) + "%02d" % rng.randint(1, 12) + department + digits(6) + "00"


def iban():
    country, bban = rng.choice([
        ("DE", lambda: digits(18)), ("ES", lambda: digits(20)), ("NL", lambda: "ABNA" + digits(10)),
        ("GB", lambda: "WEST" + digits(14)), ("FR", lambda: digits(23)), ("BE", lambda: digits(12)),
    ])
    body = bban()
    if rng.random() < 0.5:
        for check in range(100):
            candidate = "%s%02d%s" % (country, check, body)
            if stdnum.iban.is_valid(candidate):
                return candidate
    return "%s%02d%s" % (country, rng.randint(0, 99), body)


def nie():
    return rng.choice("XYZ") + digits(7) + rng.choice("TRWAGMYFPDXBNJZSQVHLCKE")


def dni():
    return digits(8) + rng.choice("TRWAGMYFPDXBNJZSQVHLCKE")


def complete_letter(make, module):
    value = make()
    if rng.random() < 0.5:
        for letter in "TRWAGMYFPDXBNJZSQVHLCKE":
            if module.is_valid(value[:-1] + letter):
                return value[:-1] + letter
    return value


# Sets added later draw from their own generators, so adding one leaves the
# vectors of the others unchanged.
cf_rng = random.Random(20261201)


def codice_fiscale():
    """A synthetic code: random letters, a date, a municipality code, omocodia now and then."""
    letters = lambda count: "".join(cf_rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(count))
    body = (letters(6) + "%02d" % cf_rng.randint(0, 99) + cf_rng.choice("ABCDEHLMPRST")
            + "%02d" % cf_rng.choice([cf_rng.randint(1, 28), cf_rng.randint(41, 68)]) + letters(1)
            + "%03d" % cf_rng.randint(0, 999))
    if cf_rng.random() < 0.2:
        body = body[:-1] + "LMNPQRSTUV"[int(body[-1])]
    if cf_rng.random() < 0.5:
        return body + stdnum.it.codicefiscale.calc_check_digit(body)
    return body + letters(1)


def complete_nir():
    value = nir()
    if rng.random() < 0.5:
        return value[:13] + stdnum.fr.nir.calc_check_digits(value[:13])
    return value


SETS = {
    "jp_my_number": (stdnum.jp.in_, lambda: complete(lambda: digits(12), stdnum.jp.in_, 11 if rng.random() < 0.5 else -1)),
    "jp_corporate_number": (stdnum.jp.cn, lambda: complete(lambda: str(rng.randint(1, 9)) + digits(12), stdnum.jp.cn, 0 if rng.random() < 0.5 else -1)),
    "luhn": (stdnum.luhn, lambda: complete(lambda: digits(rng.randint(8, 19)), stdnum.luhn, -1 if rng.random() < 0.5 else 0)),
    "ar_cuit": (stdnum.ar.cuit, lambda: complete(lambda: rng.choice(["20", "23", "24", "27", "30", "33", "34"]) + digits(9), stdnum.ar.cuit, 10 if rng.random() < 0.5 else -1)),
    "ca_sin": (stdnum.ca.sin, lambda: complete(lambda: rng.choice("1234567979") + digits(8), stdnum.ca.sin, 8 if rng.random() < 0.5 else -1)),
    "ca_bc_phn": (stdnum.ca.bc_phn, lambda: complete(lambda: "9" + digits(9), stdnum.ca.bc_phn, 9 if rng.random() < 0.5 else -1)),
    "nl_bsn": (stdnum.nl.bsn, lambda: complete(lambda: digits(9), stdnum.nl.bsn, 8 if rng.random() < 0.5 else -1)),
    "pl_pesel": (stdnum.pl.pesel, lambda: complete(pesel, stdnum.pl.pesel, 10 if rng.random() < 0.5 else -1)),
    "es_dni": (stdnum.es.dni, lambda: complete_letter(dni, stdnum.es.dni)),
    "es_nie": (stdnum.es.nie, lambda: complete_letter(nie, stdnum.es.nie)),
    "fr_nir": (stdnum.fr.nir, complete_nir),
    "iban": (stdnum.iban, iban),
    "it_codice_fiscale": (stdnum.it.codicefiscale, codice_fiscale),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (module, make) in sorted(SETS.items()):
        seen = set()
        lines = []
        while len(lines) < 300:
            value = make()
            if value in seen:
                continue
            seen.add(value)
            lines.append(("valid" if module.is_valid(value) else "invalid") + "\t" + value)
        with open(os.path.join(OUT, name + ".tsv"), "w") as out:
            out.write("# verdicts from python-stdnum 2.2 (%s); values synthetic, see scripts/make_vectors.py\n" % module.__name__)
            out.write("\n".join(lines) + "\n")
        valid = sum(1 for line in lines if line.startswith("valid"))
        print(name, valid, "valid of", len(lines))


if __name__ == "__main__":
    main()
