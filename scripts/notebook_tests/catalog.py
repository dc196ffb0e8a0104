"""The notebooks under test: where they are, their number, their language, the French/English pairs."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build" / "notebooks"


def all_notebooks():
    """Every committed notebook, sorted by name."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def number(path):
    """The notebook's number: "01" for 01-my-mnist.ipynb."""
    return path.name.split("-")[0]


def language(path):
    """ "en" for NN-*-en.ipynb, "fr" for the others (French first)."""
    return "en" if path.stem.endswith("-en") else "fr"


def ident(path):
    """A notebook's name in test ids: its number and language, "01-fr" or "01-en" (pytest -k 01-fr)."""
    return f"{number(path)}-{language(path)}"


def language_pairs():
    """(French, English) notebooks: NN-*-en.ipynb and the other NN-*.ipynb of the same number."""
    pairs = []
    for english in sorted(NOTEBOOKS.glob("*-en.ipynb")):
        french = [p for p in sorted(NOTEBOOKS.glob(f"{number(english)}-*.ipynb"))
                  if p != english and language(p) == "fr"]
        if len(french) == 1:
            pairs.append((french[0], english))
    return pairs


def pair(num):
    """The French then the English notebook numbered num."""
    found = [p for p in language_pairs() if number(p[0]) == num]
    if not found:
        raise LookupError(f"no French/English pair of notebooks numbered {num} in {NOTEBOOKS}")
    return list(found[0])
