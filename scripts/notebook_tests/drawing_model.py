"""The model that 02's last cell saves beside the notebooks as modele-dessin.zip, for 05, which loads it
when it is there: a file of the user's kept aside while the tests run, and what 02 saved kept for 05."""
import contextlib
import json
import shutil
import zipfile

from catalog import BUILD, NOTEBOOKS

#: Where 02 saves its last model and 05 looks for one.
DRAWING_MODEL = NOTEBOOKS / "modele-dessin.zip"
#: [input_n, output_n, activation] of each layer of the model 02 saves: 784-256-128-10, ReLU.
WHY_SAVED_LAYERS = [[784, 256, "relu"], [256, 128, "relu"], [128, 10, "softmax"]]


@contextlib.contextmanager
def drawing_model_aside():
    """While a notebook runs, notebooks/modele-dessin.zip is only what the run writes: a file of the
    user's is kept aside (in build/notebooks/) and put back afterwards; what the run wrote is removed."""
    BUILD.mkdir(parents=True, exist_ok=True)
    kept = BUILD / (DRAWING_MODEL.name + ".kept")
    if DRAWING_MODEL.exists():
        DRAWING_MODEL.replace(kept)
    try:
        yield
    finally:
        DRAWING_MODEL.unlink(missing_ok=True)
        if kept.exists():
            kept.replace(DRAWING_MODEL)


def saved_copy(why_notebook):
    """Where the copy of what a 02 notebook saved is kept: build/notebooks/<notebook>-modele-dessin.zip."""
    return BUILD / f"{why_notebook.stem}-modele-dessin.zip"


def keep_saved_model(why_notebook):
    """After a 02 notebook ran (inside drawing_model_aside): the model it saved, if any, copied to
    saved_copy(why_notebook); a copy from an earlier session is removed either way."""
    copy = saved_copy(why_notebook)
    copy.unlink(missing_ok=True)
    if DRAWING_MODEL.exists():
        shutil.copy(DRAWING_MODEL, copy)


def model_file_layers(path):
    """[input_n, output_n, activation] of each layer of a model file, or None when it is not one."""
    try:
        with zipfile.ZipFile(path) as z:
            layers = json.loads(z.read("model.json"))["layers"]
        return [[l["input_n"], l["output_n"], l["activation"]] for l in layers]
    except (OSError, KeyError, TypeError, ValueError, zipfile.BadZipFile):
        return None
