from django.core.management.base import BaseCommand

from campaigns.team.data_protection import erase_supporter


class Command(BaseCommand):
    help = (
        "Erase one supporter's personal data from every campaign, by email address (however "
        "spelled). Their signatures still count; who made them is forgotten."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        erased = erase_supporter(email)
        self.stdout.write(f"Erased the personal data of {erased} signature(s).")
