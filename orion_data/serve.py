"""Start a Streamlit server on an app script: `python -m orion_data.serve SCRIPT [OPTIONS]`.

The same as `streamlit run SCRIPT [OPTIONS]`, except for one setting. Streamlit 1.67 treats
a folder named pages/ beside the main script as a legacy multipage app until a script has
called st.navigation once. The first session of a new server then runs a navigation built
from the file names instead of Home.py, which lists the gated pages and has no login box.
Home.py declares every page through st.navigation, so the server is told so from the start.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def main(argv: list[str]) -> int:
    """Run `streamlit run` with `argv` (the script, then its options) in this process."""
    # NOTE: a class attribute of Streamlit's internals (1.67.0); navigation.py sets it the
    # same way once st.navigation has run. Check it again when upgrading Streamlit.
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
