"""Manage demand campaigns from the shell: `python -m orion_data.campagnes COMMAND`.

Commands: `national` creates or changes the national campaign of a year, `region` a région's
calendar within it, `list` prints them. Each change is made in the name of an existing
account (`--par`), and the same permission checks as in the app apply: national campaigns
are for admins, a région's calendar for admins and that région's admin_region.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date

from orion_data.demandes import campaigns
from orion_data.demandes.model import Campagne, CampagneRegion, StatutCampagne
from orion_data.errors import OrionError
from orion_data.store import open_store

logger = logging.getLogger(__name__)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide « {text} » : écrivez-la AAAA-MM-JJ, par exemple 2026-09-01"
        ) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m orion_data.campagnes", description="Gérer les campagnes de demandes."
    )
    parser.add_argument(
        "--db", help="fichier SQLite du magasin (par défaut ORION_DB ou data/orion.sqlite)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    national = commands.add_parser("national", help="créer ou modifier une campagne nationale")
    national.add_argument("annee", type=int, help="année de la campagne, ex. 2026")
    national.add_argument("--debut", type=_day, required=True, help="premier jour, AAAA-MM-JJ")
    national.add_argument("--fin", type=_day, required=True, help="dernier jour, AAAA-MM-JJ")
    national.add_argument(
        "--statut", required=True, choices=[s.value for s in StatutCampagne],
        help="en_attente, en_cours ou terminee",
    )
    national.add_argument("--par", required=True, help="compte administrateur qui agit")

    region = commands.add_parser("region", help="créer ou modifier le calendrier d'une région")
    region.add_argument("annee", type=int)
    region.add_argument("code_region", help="code INSEE de la région, ex. 84")
    region.add_argument("--debut", type=_day, required=True)
    region.add_argument("--fin", type=_day, required=True)
    region.add_argument("--vote", type=_day, help="date du vote du conseil régional")
    region.add_argument(
        "--saisie-perdir", action="store_true",
        help="autoriser les chefs d'établissement à saisir des demandes",
    )
    region.add_argument("--par", required=True, help="compte qui agit (admin ou admin_region)")

    commands.add_parser("list", help="lister les campagnes nationales")
    return parser


def _acting_user(store, username: str):
    user = store.get_user(username)
    if user is None:
        raise OrionError(f"Compte « {username} » introuvable : vérifiez le nom (commande list "
                         "de python -m orion_data.users).")
    return user


def _run(args: argparse.Namespace) -> str:
    store = open_store(args.db)
    if args.command == "list":
        rows = [f"{c.annee}\t{c.date_debut}\t{c.date_fin}\t{c.statut.value}"
                for c in store.list_campagnes()]
        return "\n".join(rows) or "Aucune campagne."
    user = _acting_user(store, args.par)
    if args.command == "national":
        campagne = Campagne(args.annee, args.debut, args.fin, StatutCampagne(args.statut))
        campaigns.save_campagne(store, user, campagne)
        return f"Campagne {args.annee} enregistrée ({args.statut})."
    calendrier = CampagneRegion(
        args.annee, args.code_region, args.debut, args.fin, args.vote, args.saisie_perdir
    )
    campaigns.save_campagne_region(store, user, calendrier)
    return f"Calendrier {args.annee} de la région {args.code_region} enregistré."


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return the exit code: 0 on success, 1 on a rejected change."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    try:
        print(_run(args))
    except OrionError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
