#!/usr/bin/env python3
"""Writes the notebooks of notebooks/, each in French and English from one list of cells, so that both
languages keep the same code in the same order, without outputs:
  01-my-mnist.ipynb / 01-my-mnist-en.ipynb (the walkthrough) from CELLS,
  02-pourquoi-27.ipynb / 02-why-27-en.ipynb ("why 27 %?", one fix per step) from WHY_CELLS
  (written by scripts/make_why_notebook.py, imported here).

Edit the cells here (or there), run `python3 scripts/make_notebooks.py`, commit the .ipynb files.
(`scripts/check_notebooks.py --check-generated` fails when they differ from this file.)
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each cell: ("md", french, english) or ("code", french_code, english_code or None for the same).
CELLS = [
    ("md",
     "# my mnist\n\n"
     "Nous allons essayer de reconnaître des nombres écrits à la main grâce à un réseau de neurones.\n\n"
     "C'est le carnet numpy d'origine (29 avril 2021), en Java : chaque partie montre le vrai code de la "
     "bibliothèque `my-mnist` qui fait le travail (lu dans la bibliothèque elle-même), puis l'utilise. "
     "On peut redéfinir un morceau dans une cellule et relancer la suite.",
     "# my mnist\n\n"
     "We are going to try to recognise handwritten digits with a neural network.\n\n"
     "This is the original numpy notebook (29 April 2021), in Java: each section shows the real code of "
     "the `my-mnist` library that does the work (read from the library itself), then uses it. You can "
     "redefine a piece in a cell and run the rest again."),
    ("md",
     "On charge la bibliothèque construite par `mvn package` (le script `scripts/setup-notebooks.sh` la "
     "construit) et ses dépendances : ND4J pour les tableaux, XChart pour les courbes, Tablesaw pour les tableaux.",
     "Load the library built by `mvn package` (`scripts/setup-notebooks.sh` builds it) and its dependencies: "
     "ND4J for arrays, XChart for charts, Tablesaw for tables."),
    ("code", "%jars ../target/my-mnist.jar ../target/lib/*.jar", None),
    ("md",
     "Toutes les importations sont dans cette seule cellule : dans certains noyaux Java, une importation "
     "faite plus tard peut effacer les variables déjà définies. `NativeBackend.configure()` règle ND4J "
     "(threads, mémoire) avant son premier calcul ; les trois petites méthodes affichent du code ou du HTML.",
     "All imports are in this one cell: in some Java kernels a later import can wipe the variables "
     "defined so far. `NativeBackend.configure()` sets ND4J up (threads, memory) before its first "
     "computation; the three small methods show code or HTML."),
    ("code",
     "import java.nio.file.Path;\n"
     "import java.util.Arrays;\n"
     "import java.util.List;\n"
     "import org.nd4j.linalg.api.ndarray.INDArray;\n"
     "import org.nd4j.linalg.factory.Nd4j;\n"
     "import org.nd4j.linalg.ops.transforms.Transforms;\n"
     "import org.mymnist.backend.NativeBackend;\n"
     "import org.mymnist.data.MnistData;\n"
     "import org.mymnist.evaluation.Evaluation;\n"
     "import org.mymnist.modelfile.ModelFile;\n"
     "import org.mymnist.nn.Activation;\n"
     "import org.mymnist.nn.Layer;\n"
     "import org.mymnist.nn.MeanSquaredError;\n"
     "import org.mymnist.nn.Model;\n"
     "import org.mymnist.nn.Sigmoid;\n"
     "import org.mymnist.nn.Softmax;\n"
     "import org.mymnist.random.NumpyRandomState;\n"
     "import org.mymnist.training.History;\n"
     "import org.mymnist.training.SeedLog;\n"
     "import org.mymnist.training.Trainer;\n"
     "import org.mymnist.view.DigitImage;\n"
     "import org.mymnist.view.HtmlTable;\n"
     "import org.mymnist.view.Language;\n"
     "import org.mymnist.view.SourceView;\n"
     "import org.mymnist.view.TrainingChart;\n"
     "\n"
     "NativeBackend.configure();\n"
     "\n"
     "void showCode(Class<?> type) { display(SourceView.markdown(type), \"text/markdown\"); }\n"
     "void showCode(Class<?> type, String member) { display(SourceView.markdown(type, member), \"text/markdown\"); }\n"
     "void showHtml(String html) { display(html, \"text/html\"); }", None),

    ("md",
     "## Les données\n\n"
     "MNIST : 60 000 images d'entraînement et 10 000 de test, de 28 × 28 pixels gris. Chaque image devient "
     "une ligne de 784 nombres entre 0 et 1 (`X / 255`), et chaque étiquette une liste de dix nombres avec "
     "un 1 à l'indice du chiffre (*one-hot*) : par exemple si le nombre cherché est 2 : "
     "`[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]`. Voici le code qui fait ce codage :",
     "## The data\n\n"
     "MNIST: 60,000 training images and 10,000 test images of 28 × 28 gray pixels. Each image becomes a "
     "row of 784 numbers between 0 and 1 (`X / 255`), and each label a list of ten numbers with a 1 at "
     "the digit's index (*one-hot*): for instance if the digit is 2: `[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]`. "
     "Here is the code that does this encoding:"),
    ("code", "showCode(MnistData.class, \"oneHot\");", None),
    ("md",
     "`MnistData.load(null)` lit les fichiers dans `$MNIST_HOME` ou `~/.cache/my-mnist/mnist` "
     "(le script d'installation les y a téléchargés).",
     "`MnistData.load(null)` reads the files from `$MNIST_HOME` or `~/.cache/my-mnist/mnist` "
     "(the setup script downloaded them there)."),
    ("code",
     "MnistData data = MnistData.load(null);\n"
     "INDArray x_train = data.trainImages(), y_train = data.trainOneHot();\n"
     "INDArray x_test = data.testImages(), y_test = data.testOneHot();\n"
     "System.out.println(\"x_train \" + Arrays.toString(x_train.shape()) + \", y_train \" + Arrays.toString(y_train.shape()));\n"
     "System.out.println(\"x_test  \" + Arrays.toString(x_test.shape()) + \", y_test  \" + Arrays.toString(y_test.shape()));\n"
     "// la deuxième image de test est un 2 :\n"
     "System.out.println(data.testLabels()[1] + \" -> \" + y_test.getRow(1));",
     "MnistData data = MnistData.load(null);\n"
     "INDArray x_train = data.trainImages(), y_train = data.trainOneHot();\n"
     "INDArray x_test = data.testImages(), y_test = data.testOneHot();\n"
     "System.out.println(\"x_train \" + Arrays.toString(x_train.shape()) + \", y_train \" + Arrays.toString(y_train.shape()));\n"
     "System.out.println(\"x_test  \" + Arrays.toString(x_test.shape()) + \", y_test  \" + Arrays.toString(y_test.shape()));\n"
     "// the second test image is a 2:\n"
     "System.out.println(data.testLabels()[1] + \" -> \" + y_test.getRow(1));"),

    ("md", "## 1 POO\n\nLe réseau est fait de quelques objets : une fonction d'activation, des couches, "
           "une fonction de perte et un modèle qui les assemble.",
           "## 1 OOP\n\nThe network is made of a few objects: an activation function, layers, a loss "
           "function and a model that puts them together."),
    ("md",
     "### 1.1 Activation\n\n"
     "La sigmoïde écrase n'importe quelle somme entre 0 et 1. Comme dans le carnet d'origine, un même objet "
     "donne la fonction (`apply`) et sa dérivée (`derivative`), dont l'apprentissage a besoin.",
     "### 1.1 Activation\n\n"
     "The sigmoid squashes any sum into (0, 1). As in the original notebook, one object gives the function "
     "(`apply`) and its derivative (`derivative`), which learning needs."),
    ("code", "showCode(Sigmoid.class);", None),
    ("code", "new Sigmoid().apply(Nd4j.createFromArray(-2.0, 0.0, 2.0))", None),
    ("md",
     "À vous : une sigmoïde écrite comme dans le carnet numpy, `1 / (1 + exp(-x))` et "
     "`exp(-x) / (1 + exp(-x))²`. Pour l'essayer, remplacez `new Sigmoid()` par `maSigmoide` dans la "
     "cellule du modèle (1.4) et relancez les cellules suivantes.",
     "Your turn: a sigmoid written as in the numpy notebook, `1 / (1 + exp(-x))` and "
     "`exp(-x) / (1 + exp(-x))²`. To try it, replace `new Sigmoid()` with `mySigmoid` in the model cell "
     "(1.4) and run the cells after it again."),
    ("code",
     "Activation maSigmoide = new Activation() {\n"
     "    public INDArray apply(INDArray x) {\n"
     "        return Transforms.exp(x.neg()).addi(1.0).rdivi(1.0);\n"
     "    }\n"
     "    public INDArray derivative(INDArray x) {\n"
     "        INDArray e = Transforms.exp(x.neg());\n"
     "        INDArray d = e.add(1.0);\n"
     "        return e.divi(d.muli(d));\n"
     "    }\n"
     "    public String name() {\n"
     "        return \"ma-sigmoide\";\n"
     "    }\n"
     "};\n"
     "maSigmoide.apply(Nd4j.createFromArray(-2.0, 0.0, 2.0))",
     "Activation mySigmoid = new Activation() {\n"
     "    public INDArray apply(INDArray x) {\n"
     "        return Transforms.exp(x.neg()).addi(1.0).rdivi(1.0);\n"
     "    }\n"
     "    public INDArray derivative(INDArray x) {\n"
     "        INDArray e = Transforms.exp(x.neg());\n"
     "        INDArray d = e.add(1.0);\n"
     "        return e.divi(d.muli(d));\n"
     "    }\n"
     "    public String name() {\n"
     "        return \"my-sigmoid\";\n"
     "    }\n"
     "};\n"
     "mySigmoid.apply(Nd4j.createFromArray(-2.0, 0.0, 2.0))"),
    ("md", "La softmax de la dernière couche transforme dix scores en dix probabilités :",
           "The softmax of the last layer turns ten scores into ten probabilities:"),
    ("code", "showCode(Softmax.class, \"apply\");", None),

    ("md",
     "### 1.2 Layers\n\n"
     "Une couche de n neurones connectés aux sorties de la couche précédente. `calculate` calcule "
     "`y = x · W` puis `z = activation(y)` et s'en souvient ; les poids viennent de `np.random.randn`.",
     "### 1.2 Layers\n\n"
     "A layer of n neurons connected to the outputs of the layer before. `calculate` computes "
     "`y = x · W` then `z = activation(y)` and remembers both; the weights come from `np.random.randn`."),
    ("code", "showCode(Layer.class, \"calculate\");", None),
    ("md",
     "`learn` reçoit l'erreur sur la sortie de la couche, met à jour les poids (`W -= dw1ᵀ · lr`) et "
     "renvoie l'erreur pour la couche d'avant.",
     "`learn` takes the error on the layer's output, updates the weights (`W -= dw1ᵀ · lr`) and returns "
     "the error for the layer before."),
    ("code", "showCode(Layer.class, \"learn\");", None),

    ("md",
     "### 1.3 Loss function\n\n"
     "L'erreur quadratique moyenne (MSE) et sa dérivée `2 (p - t)`. Comme le note le carnet d'origine, "
     "il serait mieux d'utiliser l'entropie croisée (*cross entropy*) avec une softmax.",
     "### 1.3 Loss function\n\n"
     "The mean squared error (MSE) and its derivative `2 (p - t)`. As the original notebook notes, cross "
     "entropy would normally be a better fit for a softmax output."),
    ("code", "showCode(MeanSquaredError.class);", None),

    ("md",
     "### 1.4 Model\n\n"
     "Le modèle enchaîne les couches. Une époque d'entraînement (`backpropagation`) calcule la sortie et "
     "la perte, puis fait remonter l'erreur de la dernière couche à la première (`learnOn`).",
     "### 1.4 Model\n\n"
     "The model chains the layers. One training epoch (`backpropagation`) computes the output and the "
     "loss, then sends the error back from the last layer to the first (`learnOn`)."),
    ("code", "showCode(Model.class, \"backpropagation\");", None),
    ("code", "showCode(Model.class, \"learnOn\");", None),
    ("md",
     "La précision est la part des images dont la plus grande sortie est au bon chiffre :",
     "The accuracy is the share of images whose largest output is at the right digit:"),
    ("code", "showCode(Model.class, \"computeAccuracy\");", None),
    ("md",
     "Le modèle est de taille 784 → 32 sigmoïde → 16 sigmoïde → 10 softmax. `NumpyRandomState(2)` est le "
     "générateur de numpy après `np.random.seed(2)` : les poids sont ceux du carnet d'origine, et le "
     "programme est reproductible.",
     "The model is 784 → 32 sigmoid → 16 sigmoid → 10 softmax. `NumpyRandomState(2)` is numpy's "
     "generator after `np.random.seed(2)`: the weights are those of the original notebook, and the "
     "program is reproducible."),
    ("code",
     "NumpyRandomState random = new NumpyRandomState(2); // np.random.seed(2)\n"
     "Model model = new Model(List.of(\n"
     "        new Layer(784, 32, 0.001, new Sigmoid(), random),\n"
     "        new Layer(32, 16, 0.001, new Sigmoid(), random),\n"
     "        new Layer(16, 10, 0.001, new Softmax(), random)),\n"
     "    new MeanSquaredError());\n"
     "model", None),

    ("md",
     "## Entraînement\n\n"
     "50 époques sur les 60 000 images, comme dans le carnet d'origine (une vingtaine de secondes). Après "
     "chaque époque, on affiche la ligne du carnet d'origine et la courbe se redessine sur place. "
     "Le bouton ■ (*interrupt*) arrête l'entraînement à la fin de l'époque en cours : `model` garde ce qu'il "
     "a appris et `trainer.history()` les époques faites. Pour repartir de zéro, relancez la cellule du modèle.",
     "## Training\n\n"
     "50 epochs over the 60,000 images, as in the original notebook (about twenty seconds). After each "
     "epoch the original notebook's line is printed and the chart is redrawn in place. The ■ (*interrupt*) "
     "button stops training at the end of the current epoch: `model` keeps what it learned and "
     "`trainer.history()` the epochs done. To start from scratch, run the model cell again."),
    ("code",
     "TrainingChart chart = new TrainingChart(50);\n"
     "String chartId = display(chart.image());\n"
     "Trainer trainer = new Trainer(model, x_train, y_train, x_test, y_test).epochs(50).onEpoch(epoch -> {\n"
     "    System.out.println(SeedLog.epochLine(epoch));\n"
     "    updateDisplay(chartId, chart.add(epoch.epoch(), epoch.loss(), epoch.accuracy()).image());\n"
     "});\n"
     "History history = trainer.run();",
     "TrainingChart chart = new TrainingChart(50, Language.ENGLISH);\n"
     "String chartId = display(chart.image());\n"
     "Trainer trainer = new Trainer(model, x_train, y_train, x_test, y_test).epochs(50).onEpoch(epoch -> {\n"
     "    System.out.println(SeedLog.epochLine(epoch));\n"
     "    updateDisplay(chartId, chart.add(epoch.epoch(), epoch.loss(), epoch.accuracy()).image());\n"
     "});\n"
     "History history = trainer.run();"),
    ("md", "Sur un des tests précédemment réalisés, après 3000 entraînements, on obtient 70 % de précision.",
           "In an earlier test, after 3000 epochs, the accuracy reached 70 %."),

    ("md", "## Sauvegarde du modèle\n\nLe modèle (couches, poids et pertes) va dans un fichier zip.",
           "## Saving the model\n\nThe model (layers, weights and losses) goes into a zip file."),
    ("code", "ModelFile.save(model, Path.of(\"demo.zip\"));", None),
    ("md", "## Test sur le modèle\n\nOn le recharge depuis le fichier, comme `pickle.load` :",
           "## Testing the model\n\nLoad it back from the file, as `pickle.load` does:"),
    ("code", "model = ModelFile.load(Path.of(\"demo.zip\"));\nmodel", None),
    ("md",
     "L'accuracy n'est pas la même selon les nombres : la précision pour chaque chiffre, sur les images "
     "de test de ce chiffre.",
     "The accuracy is not the same for every digit: the accuracy for each digit, over the test images "
     "of that digit."),
    ("code",
     "Evaluation evaluation = Evaluation.of(model, x_test, data.testLabels());\n"
     "for (int i = 0; i < 10; i++) {\n"
     "    System.out.println(SeedLog.digitLine(i, evaluation.perDigit()[i]));\n"
     "}\n"
     "showHtml(HtmlTable.of(evaluation.perDigitTable()));", None),

    ("md", "## Une image de test\n\nLa troisième image de test (`X_test[2]`), agrandie 8 fois :",
           "## A test image\n\nThe third test image (`X_test[2]`), eight times larger:"),
    ("code", "DigitImage.of(data.testPixels(2))", None),
    ("md", "Et ce que le modèle prédit pour elle (le chiffre de plus grande sortie) :",
           "And what the model predicts for it (the digit with the largest output):"),
    ("code",
     "double[] output = model.predict(x_test.getRow(2).toDoubleVector());\n"
     "int predicted = Nd4j.createFromArray(output).argMax().getInt(0);\n"
     "System.out.println(\"prédiction : \" + predicted + \" (étiquette : \" + data.testLabels()[2] + \")\");",
     "double[] output = model.predict(x_test.getRow(2).toDoubleVector());\n"
     "int predicted = Nd4j.createFromArray(output).argMax().getInt(0);\n"
     "System.out.println(\"prediction: \" + predicted + \" (label: \" + data.testLabels()[2] + \")\");"),
]


def notebook(lang, cell_list=None):
    cells = []
    for kind, fr, en in (CELLS if cell_list is None else cell_list):
        text = fr if lang == "fr" or en is None else en
        lines = text.split("\n")
        source = [line + "\n" for line in lines[:-1]] + [lines[-1]]
        if kind == "md":
            cells.append({"cell_type": "markdown", "metadata": {}, "source": source})
        else:
            cells.append({"cell_type": "code", "execution_count": None, "metadata": {},
                          "outputs": [], "source": source})
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Java", "language": "java", "name": "java"},
            "language_info": {"name": "java", "codemirror_mode": "java", "file_extension": ".jshell",
                              "mimetype": "text/x-java-source"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_why_notebook import WHY_CELLS  # noqa: E402
from make_cnn_notebook import CNN_CELLS  # noqa: E402

# (language, cells, id prefix) for each file written.
TARGETS = {
    ROOT / "notebooks" / "01-my-mnist.ipynb": ("fr", CELLS, "fr"),
    ROOT / "notebooks" / "01-my-mnist-en.ipynb": ("en", CELLS, "en"),
    ROOT / "notebooks" / "02-pourquoi-27.ipynb": ("fr", WHY_CELLS, "why-fr"),
    ROOT / "notebooks" / "02-why-27-en.ipynb": ("en", WHY_CELLS, "why-en"),
    ROOT / "notebooks" / "04-convolution.ipynb": ("fr", CNN_CELLS, "cnn-fr"),
    ROOT / "notebooks" / "04-convolution-en.ipynb": ("en", CNN_CELLS, "cnn-en"),
}


def render(lang, cell_list=None, prefix=None):
    nb = notebook(lang, cell_list)
    for i, cell in enumerate(nb["cells"]):
        cell["id"] = f"{prefix or lang}-{i:02d}"
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def main():
    check = "--check" in sys.argv
    stale = []
    for path, (lang, cell_list, prefix) in TARGETS.items():
        text = render(lang, cell_list, prefix)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(ROOT)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print("wrote", path.relative_to(ROOT))
    if stale:
        print("out of date with scripts/make_notebooks.py:", ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
