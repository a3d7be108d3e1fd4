#!/usr/bin/python3
"""Independent verdicts for the differential schema test.

Usage: validate.py <schema.json> <events.jsonl>
Validates every line of events.jsonl with python3-jsonschema (Debian's package) and prints one JSON line per
event: {"valid": bool, "errors": [[instance_pointer, keyword], ...]}. date-time formats are asserted with the
RFC 3339 rules CsmEvents applies (calendar dates, offsets, leap second only at 23:59:60 UTC).
"""
import json
import re
import sys

try:
    import jsonschema
    from jsonschema import FormatChecker
    from jsonschema.validators import validator_for
except ImportError:
    sys.stderr.write("python3-jsonschema is missing: apt-get install python3-jsonschema\n")
    sys.exit(3)

DATE_TIME = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
    r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))$", re.ASCII)


def days_in_month(year, month):
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def is_rfc3339_date_time(text):
    m = DATE_TIME.match(text)
    if not m:
        return False
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    if not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month):
        return False
    if hour > 23 or minute > 59 or second > 60:
        return False
    offset = 0
    if m.group(9):
        offset_hour, offset_minute = int(m.group(10)), int(m.group(11))
        if offset_hour > 23 or offset_minute > 59:
            return False
        offset = (offset_hour * 60 + offset_minute) * (-1 if m.group(9) == "-" else 1)
    if second == 60:
        utc_minutes = (hour * 60 + minute - offset) % 1440
        if utc_minutes != 23 * 60 + 59:
            return False
    return True


def pointer(path):
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in path)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    checker = FormatChecker(formats=())
    checker.checks("date-time")(lambda value: not isinstance(value, str) or is_rfc3339_date_time(value))
    cls = validator_for(schema, default=jsonschema.Draft202012Validator)
    validator = cls(schema, format_checker=checker)
    out = sys.stdout
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            event = json.loads(line)
            errors = sorted({(pointer(e.absolute_path), e.validator) for e in validator.iter_errors(event)})
            out.write(json.dumps({"valid": not errors, "errors": [list(e) for e in errors]}) + "\n")


if __name__ == "__main__":
    main()
