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

def numpy(code):
    """The original notebook's numpy code, quoted as a Markdown code block."""
    return "```python\n" + code + "\n```"


# Each cell: ("md", french, english) or ("code", french_code, english_code or None for the same).
# Where it helps, a Markdown cell quotes the original numpy cell (numpy(...)), then showCode(...)
# shows the Java method of the library that replaces it.
CELLS = [
    ("md",
     "# my mnist\n\n"
     "Nous allons essayer de reconnaître des nombres écrits à la main grâce à un réseau de neurones.\n\n"
     "C'est le carnet numpy d'origine (29 avril 2021), en Java, dans le même ordre : chaque partie cite la "
     "cellule numpy d'origine, montre le code Java de la bibliothèque `my-mnist` qui la remplace (lu dans "
     "la bibliothèque elle-même : c'est le code qui tourne), puis l'utilise. On peut redéfinir un morceau "
     "dans une cellule et relancer la suite.",
     "# my mnist\n\n"
     "We are going to try to recognise handwritten digits with a neural network.\n\n"
     "This is the original numpy notebook (29 April 2021), in Java, in the same order: each section quotes "
     "the original numpy cell, shows the Java code of the `my-mnist` library that replaces it (read from "
     "the library itself: it is the code that runs), then uses it. You can redefine a piece in a cell and "
     "run the rest again."),
    ("md",
     "On charge la bibliothèque construite par `mvn package` (le script `scripts/setup-notebooks.sh` la "
     "construit) et ses dépendances : ND4J pour les tableaux (le numpy de Java), XChart pour les courbes, "
     "Tablesaw pour les tableaux.",
     "Load the library built by `mvn package` (`scripts/setup-notebooks.sh` builds it) and its dependencies: "
     "ND4J for arrays (Java's numpy), XChart for charts, Tablesaw for tables."),
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
     "une ligne de 784 nombres entre 0 et 1, et chaque étiquette une liste de dix nombres avec un 1 à "
     "l'indice du chiffre (*one-hot*). Dans le carnet d'origine :\n\n"
     + numpy("y_train = np.zeros((len(Y_train), 10))\n"
             "y_train[np.arange(len(Y_train)), Y_train] = 1 # to categorical\n"
             "# par exemple si le nombre cherché est 2 : [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]\n"
             "x_train = X_train.reshape(-1, 28*28)/255 # 28*28 = 784") + "\n\n"
     "En Java, le codage *one-hot* :",
     "## The data\n\n"
     "MNIST: 60,000 training images and 10,000 test images of 28 × 28 gray pixels. Each image becomes a "
     "row of 784 numbers between 0 and 1, and each label a list of ten numbers with a 1 at the digit's "
     "index (*one-hot*). In the original notebook:\n\n"
     + numpy("y_train = np.zeros((len(Y_train), 10))\n"
             "y_train[np.arange(len(Y_train)), Y_train] = 1 # to categorical\n"
             "# par exemple si le nombre cherché est 2 : [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]\n"
             "x_train = X_train.reshape(-1, 28*28)/255 # 28*28 = 784") + "\n\n"
     "In Java, the one-hot encoding:"),
    ("code", "showCode(MnistData.class, \"oneHot\");", None),
    ("md",
     "`MnistData.load(null)` lit les fichiers dans `$MNIST_HOME` ou `~/.cache/my-mnist/mnist` "
     "(le script d'installation les y a téléchargés), sans réseau.",
     "`MnistData.load(null)` reads the files from `$MNIST_HOME` or `~/.cache/my-mnist/mnist` "
     "(the setup script downloaded them there), with no network."),
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
     "La sigmoïde écrase n'importe quelle somme entre 0 et 1. Dans le carnet d'origine, une fonction donne "
     "aussi sa dérivée, dont l'apprentissage a besoin :\n\n"
     + numpy("def sigmoid(x, derive=False):\n"
             "    if derive:\n"
             "        return np.exp(-x) / ((1+np.exp(-x)) ** 2)\n"
             "    return 1 / (1 + np.exp(-x))") + "\n\n"
     "En Java, un objet `Sigmoid` : `apply` est `sigmoid(x)`, `derivative` est `sigmoid(x, True)`, "
     "calculée sous la forme `s(1 - s)`, égale mais qui reste finie quand `exp(-x)` déborde. Pour lire "
     "ND4J : `s.rsub(1.0)` est `1 - s`, `s.mul(t)` est `s * t`, et le `true` de "
     "`Transforms.sigmoid(x, true)` demande un nouveau tableau (`x` reste tel quel). (`name()` et "
     "`kernel()` nomment seulement la fonction, pour les fichiers de modèle et la ligne de commande.)",
     "### 1.1 Activation\n\n"
     "The sigmoid squashes any sum into (0, 1). In the original notebook, one function also gives its "
     "derivative, which learning needs:\n\n"
     + numpy("def sigmoid(x, derive=False):\n"
             "    if derive:\n"
             "        return np.exp(-x) / ((1+np.exp(-x)) ** 2)\n"
             "    return 1 / (1 + np.exp(-x))") + "\n\n"
     "In Java, a `Sigmoid` object: `apply` is `sigmoid(x)`, `derivative` is `sigmoid(x, True)`, computed "
     "as `s(1 - s)`, the same value but finite where `exp(-x)` overflows. To read ND4J: `s.rsub(1.0)` is "
     "`1 - s`, `s.mul(t)` is `s * t`, and the `true` of `Transforms.sigmoid(x, true)` asks for a new array "
     "(`x` stays as it was). (`name()` and `kernel()` only name the function, for model files and the "
     "command line.)"),
    ("code", "showCode(Sigmoid.class);", None),
    ("code", "new Sigmoid().apply(Nd4j.createFromArray(-2.0, 0.0, 2.0))", None),
    ("md",
     "À vous : une sigmoïde écrite exactement comme dans le carnet numpy, `1 / (1 + exp(-x))` et "
     "`exp(-x) / (1 + exp(-x))²`. Pour l'essayer, remplacez `new Sigmoid()` par `maSigmoide` dans la "
     "cellule du modèle (1.4) et relancez les cellules suivantes.",
     "Your turn: a sigmoid written exactly as in the numpy notebook, `1 / (1 + exp(-x))` and "
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
    ("md", "La softmax de la dernière couche (définie hors de l'extrait du carnet) transforme dix scores en "
           "dix probabilités :",
           "The softmax of the last layer (defined outside the notebook's excerpt) turns ten scores into "
           "ten probabilities:"),
    ("code", "showCode(Softmax.class, \"apply\");", None),

    ("md",
     "### 1.2 Layers\n\n"
     "Une couche de n neurones connectés aux sorties de la couche précédente ; ses poids viennent de "
     "`np.random.randn(input_n, output_n)`. `calculate` calcule la sortie :\n\n"
     + numpy("def calculate(self, input_data):\n"
             "    self.input_data = input_data\n"
             "    y1 = np.dot(self.input_data, self.weight)\n"
             "    z1 = self.activation(y1)\n"
             "    self.predicted_output_ = y1\n"
             "    self.predicted_output = z1\n"
             "    return y1, z1") + "\n\n"
     "Encore un peu de ND4J : `a.mmul(b)` est `np.dot(a, b)`, `a.transpose()` est `a.T`, `a.div(n)` est "
     "`a / n`, et un `i` à la fin (`muli`, `subi`) fait le calcul sur place, comme `*=` et `-=`. La version Java "
     "renvoie seulement `z1`, la seule valeur que la suite utilise ; le biais (`bias`) ne sert qu'au "
     "carnet 02, les couches du carnet n'en ont pas.",
     "### 1.2 Layers\n\n"
     "A layer of n neurons connected to the outputs of the layer before; its weights come from "
     "`np.random.randn(input_n, output_n)`. `calculate` computes the output:\n\n"
     + numpy("def calculate(self, input_data):\n"
             "    self.input_data = input_data\n"
             "    y1 = np.dot(self.input_data, self.weight)\n"
             "    z1 = self.activation(y1)\n"
             "    self.predicted_output_ = y1\n"
             "    self.predicted_output = z1\n"
             "    return y1, z1") + "\n\n"
     "A little more ND4J: `a.mmul(b)` is `np.dot(a, b)`, `a.transpose()` is `a.T`, `a.div(n)` is `a / n`, and an "
     "`i` at the end (`muli`, `subi`) computes in place, as `*=` and `-=` do. The Java version returns only "
     "`z1`, the one value used afterwards; the bias only serves notebook 02, the notebook's layers have none."),
    ("code", "showCode(Layer.class, \"calculate\");", None),
    ("md",
     "`learn` reçoit l'erreur `e_2` sur la sortie de la couche, met à jour les poids et renvoie l'erreur "
     "pour la couche d'avant :\n\n"
     + numpy("def learn(self, e_2):\n"
             "    e1 = e_2 / self.output_n * self.activation(self.predicted_output_, True)\n"
             "    # e_0 is for the next layer\n"
             "    e_0 = np.dot(e1, self.weight.T)\n"
             "    dw1 = np.dot(e1.T, self.input_data)\n"
             "    self.weight -= dw1.T * self.lr\n"
             "    return e_0") + "\n\n"
     "Les mêmes lignes en Java, avec les mêmes noms. Une seule différence, le biais mis à part (carnet 02) : "
     "`needError` est faux pour la première couche, qui n'a pas de couche avant elle ; son `e_0` "
     "(60 000 × 784 nombres) ne serait lu par personne.",
     "`learn` takes the error `e_2` on the layer's output, updates the weights and returns the error for "
     "the layer before:\n\n"
     + numpy("def learn(self, e_2):\n"
             "    e1 = e_2 / self.output_n * self.activation(self.predicted_output_, True)\n"
             "    # e_0 is for the next layer\n"
             "    e_0 = np.dot(e1, self.weight.T)\n"
             "    dw1 = np.dot(e1.T, self.input_data)\n"
             "    self.weight -= dw1.T * self.lr\n"
             "    return e_0") + "\n\n"
     "The same lines in Java, with the same names. One difference only, the bias aside (notebook 02): "
     "`needError` is false for the first layer, which has no layer before it; its `e_0` (60,000 × 784 "
     "numbers) would be read by nobody."),
    ("code", "showCode(Layer.class, \"learn\");", None),

    ("md",
     "### 1.3 Loss function\n\n"
     "L'erreur quadratique moyenne (MSE) et sa dérivée. Comme le note le carnet d'origine, il serait mieux "
     "d'utiliser l'entropie croisée (*cross entropy*) ; le carnet 02 le fait.\n\n"
     + numpy("def mse(predicted_output, target_output, derivate=False):\n"
             "    if derivate:\n"
             "        return (predicted_output - target_output) *2\n"
             "    return ((predicted_output - target_output) ** 2).mean()") + "\n\n"
     "En Java, `value` est `mse(p, t)` et `derivative` est `mse(p, t, True)` ; `count` (le nombre de "
     "termes de la moyenne) ne sert qu'au carnet 02.",
     "### 1.3 Loss function\n\n"
     "The mean squared error (MSE) and its derivative. As the original notebook notes, cross entropy would "
     "normally be better; notebook 02 uses it.\n\n"
     + numpy("def mse(predicted_output, target_output, derivate=False):\n"
             "    if derivate:\n"
             "        return (predicted_output - target_output) *2\n"
             "    return ((predicted_output - target_output) ** 2).mean()") + "\n\n"
     "In Java, `value` is `mse(p, t)` and `derivative` is `mse(p, t, True)`; `count` (the number of terms "
     "of the mean) only serves notebook 02."),
    ("code", "showCode(MeanSquaredError.class);", None),

    ("md",
     "### 1.4 Model\n\n"
     "Le modèle enchaîne les couches : `predict` appelle le `calculate` de chacune. `predict_loss` donne "
     "la sortie et la perte :\n\n"
     + numpy("def predict_loss(self, input_data, target_output):\n"
             "    predicted_output = self.predict(input_data)\n"
             "    loss = self.loss_function(predicted_output, target_output)\n"
             "    return predicted_output, loss") + "\n\n"
     "Java n'a pas de n-uplet : `predictLoss` renvoie un petit `record`, `Prediction(output, loss)`, deux "
     "valeurs nommées.",
     "### 1.4 Model\n\n"
     "The model chains the layers: `predict` calls each one's `calculate`. `predict_loss` gives the output "
     "and the loss:\n\n"
     + numpy("def predict_loss(self, input_data, target_output):\n"
             "    predicted_output = self.predict(input_data)\n"
             "    loss = self.loss_function(predicted_output, target_output)\n"
             "    return predicted_output, loss") + "\n\n"
     "Java has no tuples: `predictLoss` returns a small `record`, `Prediction(output, loss)`, two named "
     "values."),
    ("code", "showCode(Model.class, \"predictLoss\");\nshowCode(Model.Prediction.class);", None),
    ("md",
     "La précision est la part des images dont la plus grande sortie est au bon chiffre :\n\n"
     + numpy("def compute_accuracy(self, x_val, y_val):\n"
             "    predictions = []\n"
             "    for x, y in zip(x_val, y_val):\n"
             "        output = self.predict([x])\n"
             "        pred = np.argmax(output[0])\n"
             "        predictions.append(pred == np.argmax(y))\n"
             "    return np.mean(predictions)") + "\n\n"
     "`computeAccuracy` fait le même calcul sur toutes les images d'un coup, une multiplication de "
     "matrices par couche ; `computeAccuracyOneByOne` garde la boucle du carnet, image par image, bien "
     "plus lente.",
     "The accuracy is the share of images whose largest output is at the right digit:\n\n"
     + numpy("def compute_accuracy(self, x_val, y_val):\n"
             "    predictions = []\n"
             "    for x, y in zip(x_val, y_val):\n"
             "        output = self.predict([x])\n"
             "        pred = np.argmax(output[0])\n"
             "        predictions.append(pred == np.argmax(y))\n"
             "    return np.mean(predictions)") + "\n\n"
     "`computeAccuracy` does the same on all images at once, one matrix product per layer; "
     "`computeAccuracyOneByOne` keeps the notebook's loop, image by image, much slower."),
    ("code", "showCode(Model.class, \"computeAccuracy\");", None),
    ("md",
     "Une époque d'entraînement :\n\n"
     + numpy("def backpropagation(self, input_data, target_output, batch=None):\n"
             "    n = len(input_data)\n"
             "    if batch is None:\n"
             "        batch = n\n"
             "    step = n//batch\n"
             "    losses = []\n"
             "    for i in range(step):\n"
             "        b_input_data = input_data[::step]\n"
             "        b_target_output = target_output[::step]\n"
             "        predicted_output, loss = self.predict_loss(b_input_data, b_target_output)\n"
             "        d_loss = self.loss_function(predicted_output, b_target_output, True) # dérivé de loss dy /dy\n"
             "        # Entrainement des layers\n"
             "        for i in range(len(self.layers)):\n"
             "            d_loss = self.layers[-i - 1].learn(d_loss)\n"
             "        losses.append(loss)\n"
             "    loss = sum(losses)/len(losses)\n"
             "    self.loss.append(loss)\n"
             "    return loss") + "\n\n"
     "Comme dans le carnet, sans `batch` (`null`, le `None` de Python) il y a un seul pas, sur les 60 000 "
     "images, et chaque pas prend la tranche `input_data[::step]` (`NDArrayIndex.interval(0, step, n)`). "
     "En plus, chaque pas s'exécute dans un *workspace* ND4J (`StepWorkspace.open(StepWorkspace.TRAINING)`) : "
     "les tableaux d'un pas vivent dans un même bloc de mémoire native, que le pas suivant réutilise, "
     "au lieu d'attendre le ramasse-miettes de Java.",
     "One training epoch:\n\n"
     + numpy("def backpropagation(self, input_data, target_output, batch=None):\n"
             "    n = len(input_data)\n"
             "    if batch is None:\n"
             "        batch = n\n"
             "    step = n//batch\n"
             "    losses = []\n"
             "    for i in range(step):\n"
             "        b_input_data = input_data[::step]\n"
             "        b_target_output = target_output[::step]\n"
             "        predicted_output, loss = self.predict_loss(b_input_data, b_target_output)\n"
             "        d_loss = self.loss_function(predicted_output, b_target_output, True) # dérivé de loss dy /dy\n"
             "        # Entrainement des layers\n"
             "        for i in range(len(self.layers)):\n"
             "            d_loss = self.layers[-i - 1].learn(d_loss)\n"
             "        losses.append(loss)\n"
             "    loss = sum(losses)/len(losses)\n"
             "    self.loss.append(loss)\n"
             "    return loss") + "\n\n"
     "As in the notebook, with no `batch` (`null`, Python's `None`) there is a single step, on all 60,000 "
     "images, and each step takes the slice `input_data[::step]` (`NDArrayIndex.interval(0, step, n)`). "
     "In addition, each step runs in an ND4J *workspace* (`StepWorkspace.open(StepWorkspace.TRAINING)`): "
     "the arrays of one step live in one block of native memory, which the next step reuses, instead of "
     "waiting for Java's garbage collector."),
    ("code", "showCode(Model.class, \"backpropagation\");", None),
    ("md",
     "Le corps de la boucle, de `predict_loss` aux `learn` des couches, de la dernière à la première, est "
     "`learnOn`. Elle refuse une autre perte que la MSE : la règle du carnet n'est faite que pour elle "
     "(le carnet 02 entraîne l'entropie croisée avec une autre règle, le gradient moyen).",
     "The loop's body, from `predict_loss` to the layers' `learn`, last to first, is `learnOn`. It refuses "
     "any loss but the MSE: the notebook's rule is made for it only (notebook 02 trains cross-entropy with "
     "another rule, the mean gradient)."),
    ("code", "showCode(Model.class, \"learnOn\");", None),
    ("md",
     "Le modèle est de taille 784 → 32 sigmoïde → 16 sigmoïde → 10 softmax :\n\n"
     + numpy("np.random.seed(2) # permet de rendre le programme reproductible\n"
             "model = Model([\n"
             "    Layer(784, 32, 0.001, sigmoid),\n"
             "    Layer(32, 16, 0.001, sigmoid),\n"
             "    Layer(16, 10, 0.001, softmax),\n"
             "], mse)") + "\n\n"
     "`NumpyRandomState(2)` est le générateur de numpy après `np.random.seed(2)` : les poids sont ceux du "
     "carnet d'origine, au bit près.",
     "The model is 784 → 32 sigmoid → 16 sigmoid → 10 softmax:\n\n"
     + numpy("np.random.seed(2) # permet de rendre le programme reproductible\n"
             "model = Model([\n"
             "    Layer(784, 32, 0.001, sigmoid),\n"
             "    Layer(32, 16, 0.001, sigmoid),\n"
             "    Layer(16, 10, 0.001, softmax),\n"
             "], mse)") + "\n\n"
     "`NumpyRandomState(2)` is numpy's generator after `np.random.seed(2)`: the weights are those of the "
     "original notebook, to the bit."),
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
     "50 époques sur les 60 000 images, comme dans le carnet d'origine (une vingtaine de secondes) :\n\n"
     + numpy("for i in range(50):\n"
             "    loss = model.backpropagation(x_train, y_train)\n"
             "    acc = model.compute_accuracy(x_test, y_test)\n"
             "    print(f\"Epoch : {i} loss : {loss}, acc : {round(acc*100, 2)} %\")") + "\n\n"
     "Le `Trainer` fait cette boucle : après chaque époque, il affiche la ligne du carnet d'origine et la "
     "courbe se redessine sur place. Le bouton ■ (*interrupt*) arrête l'entraînement à la fin de l'époque "
     "en cours : `model` garde ce qu'il a appris et `trainer.history()` les époques faites. Relancer cette "
     "cellule entraîne le même `model` 50 époques de plus (numérotées de nouveau depuis 0) ; pour repartir "
     "de zéro, relancez d'abord la cellule du modèle.",
     "## Training\n\n"
     "50 epochs over the 60,000 images, as in the original notebook (about twenty seconds):\n\n"
     + numpy("for i in range(50):\n"
             "    loss = model.backpropagation(x_train, y_train)\n"
             "    acc = model.compute_accuracy(x_test, y_test)\n"
             "    print(f\"Epoch : {i} loss : {loss}, acc : {round(acc*100, 2)} %\")") + "\n\n"
     "The `Trainer` runs this loop: after each epoch it prints the original notebook's line and the chart "
     "is redrawn in place. The ■ (*interrupt*) button stops training at the end of the current epoch: "
     "`model` keeps what it learned and `trainer.history()` the epochs done. Running this cell again trains "
     "the same `model` 50 more epochs (numbered from 0 again); to start from scratch, run the model cell "
     "again first."),
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

# (language, cells, id prefix) for each file written.
TARGETS = {
    ROOT / "notebooks" / "01-my-mnist.ipynb": ("fr", CELLS, "fr"),
    ROOT / "notebooks" / "01-my-mnist-en.ipynb": ("en", CELLS, "en"),
    ROOT / "notebooks" / "02-pourquoi-27.ipynb": ("fr", WHY_CELLS, "why-fr"),
    ROOT / "notebooks" / "02-why-27-en.ipynb": ("en", WHY_CELLS, "why-en"),
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
