"""Manage Orion accounts from the shell: `python -m orion_data.users COMMAND`.

Commands: create, disable, enable, set-role, set-password, list. A password is never an
argument, because the command line shows in `ps` and the shell history: it is typed twice
at a hidden prompt, or read from the first line of standard input with --password-stdin.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence

from orion_data.auth import accounts
from orion_data.auth.model import Role
from orion_data.errors import OrionError
from orion_data.store import open_store

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m orion_data.users", description="Gérer les comptes Orion."
    )
    parser.add_argument(
        "--db", help="fichier SQLite du magasin (par défaut ORION_DB ou data/orion.sqlite)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    roles = [r.value for r in Role]

    create = commands.add_parser("create", help="créer un compte")
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=roles)
    _add_scope(create)
    create.add_argument("--nom", default="", help="nom affiché de la personne")
    password = create.add_mutually_exclusive_group()
    _add_password_stdin(password)
    password.add_argument(
        "--no-password",
        action="store_true",
        help="créer le compte sans mot de passe (il ne peut pas se connecter avant set-password)",
    )

    for name, text in (("disable", "désactiver un compte"), ("enable", "réactiver un compte")):
        commands.add_parser(name, help=text).add_argument("username")

    set_role = commands.add_parser("set-role", help="changer le rôle et le périmètre")
    set_role.add_argument("username")
    set_role.add_argument("--role", required=True, choices=roles)
    _add_scope(set_role)

    set_password = commands.add_parser("set-password", help="changer le mot de passe")
    set_password.add_argument("username")
    _add_password_stdin(set_password)

    commands.add_parser("list", help="lister les comptes")
    return parser


def _add_scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", help="code de la région, pour les rôles régionaux")
    parser.add_argument(
        "--uai", action="append", default=[], help="UAI d'un établissement (perdir), répétable"
    )


def _add_password_stdin(parser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="lire le mot de passe sur la première ligne de l'entrée standard",
    )


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe : ")
    second = getpass.getpass("Mot de passe (confirmation) : ")
    if first != second:
        raise OrionError("Les deux saisies du mot de passe diffèrent : recommencez.")
    return first


def _run(args: argparse.Namespace) -> None:
    store = open_store(args.db)
    par = f"cli:{getpass.getuser()}"

    if args.command == "create":
        password = None if args.no_password else _read_password(args.password_stdin)
        user = accounts.create_user(
            store, args.username, args.role, password, args.region, args.uai, args.nom, par
        )
        print(f"Compte {user.username} créé ({user.role.value}).")
    elif args.command == "disable":
        print(f"Compte {accounts.disable_user(store, args.username, par).username} désactivé.")
    elif args.command == "enable":
        print(f"Compte {accounts.enable_user(store, args.username, par).username} réactivé.")
    elif args.command == "set-role":
        user = accounts.set_role(store, args.username, args.role, args.region, args.uai, par)
        print(f"Compte {user.username} : rôle {user.role.value}.")
    elif args.command == "set-password":
        password = _read_password(args.password_stdin)
        user = accounts.set_password(store, args.username, password, par)
        print(f"Mot de passe du compte {user.username} changé.")
    elif args.command == "list":
        for user in store.list_users():
            scope = user.code_region or " ".join(user.uais) or "national"
            state = "actif" if user.actif else "désactivé"
            print(f"{user.username}\t{user.role.value}\t{scope}\t{state}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return the exit status: 0 done, 1 rejected, 2 bad usage."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    try:
        _run(args)
    except OrionError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
