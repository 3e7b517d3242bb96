"""The `sightline` command: Django management with Sightline's own commands."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sightline", *sys.argv[1:]])


if __name__ == "__main__":
    main()
