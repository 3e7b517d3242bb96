"""`sightline demo_logins`: print one demo sign-in per role."""

from django.core.management.base import BaseCommand

from sightline.demo.logins import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Print the demo logins (one per role) and their shared demo password."

    def handle(self, *args, **options):
        rows = demo_logins()
        if not rows:
            self.stdout.write("No demo logins yet: run `sightline seed` first.")
            return
        self.stdout.write(f"Demo logins (synthetic data only). Password for all: {DEMO_PASSWORD}")
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        header = ("Username", "Role", "Team")
        widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
        self.stdout.write(
            "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  Password"
        )
        for username, role, team, password in rows:
            cells = (username, role, team or "-")
            self.stdout.write(
                "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + f"  {password}"
            )
