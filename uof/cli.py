"""The `uof` console command: Django's management commands, with dashes allowed.

`uof demo-data --reports 1000` runs the `demo_data` management command.
"""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uof.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`uof export … | head`): end quietly, as other Unix tools do.
        # Python would try to flush stdout again at exit and print a second error, so point it at
        # /dev/null first (the recipe in Python's signal module documentation).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    main()
