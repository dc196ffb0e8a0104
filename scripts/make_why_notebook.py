#!/usr/bin/env python3
"""The cells of the "why 27 %?" notebook (02-pourquoi-27.ipynb in French, 02-why-27-en.ipynb in English).

scripts/make_notebooks.py imports WHY_CELLS and writes both files; run that script after editing here.
Each cell: ("md", french, english) or ("code", french_code, english_code or None for the same).
"""


def in_both_languages(fr_code):
    """A code cell that differs between the two notebooks only by its Language constant."""
    return (fr_code, fr_code.replace("Language.FRENCH", "Language.ENGLISH"))


def step(fr_md, en_md, fr_code, en_code):
    return [("md", fr_md, en_md), ("code", fr_code, en_code)]


WHY_CELLS = [
    ("md",
     "# Pourquoi 27 % ?\n\n"
     "Le carnet 01 s'arrête à 27 % de précision après 50 époques. Ici on part du même modèle "
     "(784 → 32 → 16 → 10, sigmoïdes, MSE, poids de `np.random.seed(2)`) et on applique **une correction "
     "par section**, on réentraîne, et on note ce qu'elle rapporte : une ligne de plus dans le tableau, "
     "une courbe de plus sur le graphique. À la fin, on regarde ce que le réseau entraîné rate encore.",
     "# Why 27 %?\n\n"
     "Notebook 01 ends at 27 % accuracy after 50 epochs. Here we start from the same model "
     "(784 → 32 → 16 → 10, sigmoids, MSE, weights from `np.random.seed(2)`) and apply **one fix per "
     "section**, retrain, and note what it buys: one more row in the table, one more curve on the chart. "
     "At the end, we look at what the trained network still gets wrong."),
    ("code", "%jars ../target/my-mnist.jar ../target/lib/*.jar", None),
    ("md",
     "Toutes les importations dans une seule cellule (une importation plus tard peut effacer les "
     "variables dans certains noyaux Java), et deux petites méthodes pour afficher du HTML et des images.",
     "All imports in one cell (a later import can wipe variables in some Java kernels), and two small "
     "methods to show HTML and pictures."),
    ("code",
     "import java.awt.image.BufferedImage;\n"
     "import org.nd4j.linalg.api.buffer.DataType;\n"
     "import org.nd4j.linalg.api.ndarray.INDArray;\n"
     "import org.mymnist.backend.NativeBackend;\n"
     "import org.mymnist.data.MnistData;\n"
     "import org.mymnist.evaluation.Evaluation;\n"
     "import org.mymnist.nn.Initializer;\n"
     "import org.mymnist.nn.Model;\n"
     "import org.mymnist.training.ActivationKind;\n"
     "import org.mymnist.training.History;\n"
     "import org.mymnist.training.LossKind;\n"
     "import org.mymnist.training.OptimizerKind;\n"
     "import org.mymnist.training.Recipe;\n"
     "import org.mymnist.training.Trainer;\n"
     "import org.mymnist.training.TrainingConfig;\n"
     "import org.mymnist.training.UpdateRule;\n"
     "import org.mymnist.view.ComparisonChart;\n"
     "import org.mymnist.view.ConfusionHeatMap;\n"
     "import org.mymnist.view.DigitGallery;\n"
     "import org.mymnist.view.Language;\n"
     "import org.mymnist.view.StepTable;\n"
     "import org.mymnist.view.WeightImages;\n"
     "\n"
     "NativeBackend.configure();\n"
     "\n"
     "void showHtml(String html) { display(html, \"text/html\"); }\n"
     "void showImage(BufferedImage image) { display(image); }", None),
    ("md",
     "Le nombre d'époques de chaque étape. 5 suffit pour voir l'effet de chaque correction et garder tout "
     "le carnet sous la minute ; augmentez-le pour des courbes plus longues (chaque étape prend alors plus "
     "de temps).",
     "The number of epochs of each step. 5 is enough to see what each fix does and keeps the whole "
     "notebook under a minute; raise it for longer curves (each step then takes longer)."),
    ("code", "int EPOCHS = 5;", None),
    ("md",
     "Les données, en float32 (`DataType.FLOAT`) : deux fois moins de mémoire et des calculs plus rapides "
     "qu'en float64, pour une précision à peu près identique. Elles doivent avoir le type de la "
     "configuration, qui est donc float32 à toutes les étapes.",
     "The data, in float32 (`DataType.FLOAT`): half the memory and faster arithmetic than float64, for "
     "about the same accuracy. They must have the configuration's type, so every step uses float32."),
    ("code",
     "MnistData data = MnistData.load(null, DataType.FLOAT);\n"
     "INDArray xTrain = data.trainImages(), yTrain = data.trainOneHot();\n"
     "INDArray xTest = data.testImages(), yTest = data.testOneHot();\n"
     "int[] testLabels = data.testLabels();", None),
    ("md",
     "Une étape : un modèle neuf construit par la configuration `c`, entraîné `epochs` époques comme `c` "
     "le dit, puis une ligne dans le tableau (correction, époques, secondes, précision sur le test) et "
     "une courbe sur le graphique ; `model` garde le dernier modèle entraîné. Une configuration est une "
     "valeur : chaque `with...` en renvoie une nouvelle et laisse l'ancienne telle quelle. Chaque étape "
     "construit donc la sienne à partir de celle de l'étape d'avant, et relancer la cellule d'une étape "
     "réentraîne la même étape (même graine, modèle neuf) : même précision, une ligne de plus au tableau.",
     "One step: a new model built by the configuration `c`, trained for `epochs` epochs as `c` says, then "
     "one row in the table (fix, epochs, seconds, test accuracy) and one curve on the chart; `model` keeps "
     "the latest trained model. A configuration is a value: each `with...` returns a new one and leaves "
     "the old one as it was. So each step builds its own from the previous step's, and running a step's "
     "cell again trains that same step again (same seed, new model): same accuracy, one more row in the "
     "table."),
    ("code",) + in_both_languages(
     "StepTable steps = new StepTable(Language.FRENCH);\n"
     "ComparisonChart curves = new ComparisonChart(Language.FRENCH);\n"
     "Model model = null;\n"
     "\n"
     "void step(String fix, TrainingConfig c, int epochs) {\n"
     "    model = c.newModel();\n"
     "    long start = System.nanoTime();\n"
     "    History h = new Trainer(model, c, xTrain, yTrain, xTest, yTest).epochs(epochs).run();\n"
     "    double seconds = (System.nanoTime() - start) / 1e9;\n"
     "    steps.add(fix, h.size(), seconds, h.last().accuracy());\n"
     "    curves.add(fix, h.accuracies());\n"
     "    System.out.println(c);\n"
     "    showHtml(steps.html());\n"
     "}"),
] + step(
    "## 0. Le départ : le carnet 01\n\n"
    "`Recipe.SEED.config()` est le carnet tel qu'il est écrit : à chaque époque, **une seule** mise à jour "
    "des poids, calculée sur les 60 000 images à la fois, avec un pas de 0,001. En 50 époques le réseau ne "
    "fait donc que 50 pas ; ici il en fait `EPOCHS`. Seul changement : float32, le type des données.",
    "## 0. The start: notebook 01\n\n"
    "`Recipe.SEED.config()` is the notebook as written: each epoch makes **a single** weight update, "
    "computed on all 60,000 images at once, with a step of 0.001. In 50 epochs the network takes only 50 "
    "steps; here it takes `EPOCHS`. One change only: float32, the data's type.",
    "TrainingConfig c0 = Recipe.SEED.config().withDataType(DataType.FLOAT);\n"
    "step(\"0. départ (carnet 01)\", c0, EPOCHS);",
    "TrainingConfig c0 = Recipe.SEED.config().withDataType(DataType.FLOAT);\n"
    "step(\"0. start (notebook 01)\", c0, EPOCHS);",
) + step(
    "## 1. Des mini-lots mélangés\n\n"
    "Au lieu d'un pas par époque, un pas par lot de 64 images tirées au hasard : 938 pas par époque. "
    "Mais la règle du carnet (`Layer.learn`) **additionne** l'erreur des images du lot au lieu d'en faire "
    "la moyenne : 938 petits pas de 64 images vont à peu près aussi loin qu'un grand pas de 60 000. Seule, "
    "cette correction change donc peu de chose.",
    "## 1. Shuffled mini-batches\n\n"
    "Instead of one step per epoch, one step per batch of 64 images drawn at random: 938 steps per epoch. "
    "But the notebook's rule (`Layer.learn`) **adds up** the error of the batch's images instead of "
    "averaging it: 938 small steps of 64 images go about as far as one big step of 60,000. On its own, "
    "this fix changes little.",
    "TrainingConfig c1 = c0.withBatch(64).withShuffle(true);\n"
    "step(\"1. mini-lots de 64 mélangés\", c1, EPOCHS);",
    "TrainingConfig c1 = c0.withBatch(64).withShuffle(true);\n"
    "step(\"1. shuffled mini-batches of 64\", c1, EPOCHS);",
) + step(
    "## 2. L'entropie croisée, avec le gradient moyen\n\n"
    "Avec une softmax en sortie, l'erreur quadratique donne un gradient écrasé par la dérivée de la "
    "softmax quand la sortie se trompe franchement. L'entropie croisée donne un gradient simple, "
    "`sortie - cible`, qui reste grand quand l'erreur est grande. Elle vient avec une autre règle : "
    "le **gradient moyen** du lot (`UpdateRule.MEAN_GRADIENT`), le vrai gradient de la perte moyenne, "
    "là où la règle du carnet additionne les erreurs (et ne sait entraîner que la MSE : sans "
    "`.withRule(...)`, le `Trainer` refuse, avec un message qui dit pourquoi). Avec un pas de 0,001, ces "
    "pas moyens sont très petits.",
    "## 2. Cross-entropy, with the mean gradient\n\n"
    "With a softmax output, the squared error gives a gradient squashed by the softmax's derivative when "
    "the output is badly wrong. Cross-entropy gives a simple gradient, `output - target`, which stays "
    "large when the error is large. It comes with another rule: the **mean gradient** of the batch "
    "(`UpdateRule.MEAN_GRADIENT`), the true gradient of the mean loss, where the notebook's rule adds up "
    "the errors (and can train only the MSE: without `.withRule(...)`, the `Trainer` refuses, with a "
    "message that says why). With a step of 0.001, these mean steps are very small.",
    "TrainingConfig c2 = c1.withLoss(LossKind.CROSS_ENTROPY).withRule(UpdateRule.MEAN_GRADIENT);\n"
    "step(\"2. entropie croisée\", c2, EPOCHS);",
    "TrainingConfig c2 = c1.withLoss(LossKind.CROSS_ENTROPY).withRule(UpdateRule.MEAN_GRADIENT);\n"
    "step(\"2. cross-entropy\", c2, EPOCHS);",
) + step(
    "## 3. Un pas d'apprentissage de 0,5\n\n"
    "Voilà la raison principale des 27 % : des pas minuscules. Avec le gradient moyen, un pas de 0,5 fait "
    "avancer le réseau 500 fois plus loin à chaque lot.",
    "## 3. A learning rate of 0.5\n\n"
    "Here is the main reason for 27 %: tiny steps. With the mean gradient, a step of 0.5 moves the network "
    "500 times further at each batch.",
    "TrainingConfig c3 = c2.withLearningRate(0.5);\n"
    "step(\"3. pas de 0,5\", c3, EPOCHS);",
    "TrainingConfig c3 = c2.withLearningRate(0.5);\n"
    "step(\"3. learning rate 0.5\", c3, EPOCHS);",
) + step(
    "## 4. Des biais\n\n"
    "Chaque neurone reçoit un nombre de plus à apprendre, ajouté à sa somme : il peut déplacer son seuil "
    "de déclenchement au lieu de toujours basculer autour de zéro.",
    "## 4. Biases\n\n"
    "Each neuron gets one more number to learn, added to its sum: it can move its threshold instead of "
    "always switching around zero.",
    "TrainingConfig c4 = c3.withBias(true);\n"
    "step(\"4. biais\", c4, EPOCHS);",
    "TrainingConfig c4 = c3.withBias(true);\n"
    "step(\"4. biases\", c4, EPOCHS);",
) + step(
    "## 5. L'initialisation de Xavier\n\n"
    "Des poids tirés selon N(0, 1) sur 784 entrées donnent des sommes de l'ordre de ±10 : la sigmoïde "
    "y est plate (0 ou 1), sa dérivée presque nulle, et le neurone apprend à peine. Xavier réduit les "
    "poids de départ (écart type `sqrt(2 / (entrées + sorties))`) pour que les sommes restent là où la "
    "sigmoïde varie.",
    "## 5. Xavier initialisation\n\n"
    "Weights drawn from N(0, 1) over 784 inputs give sums of the order of ±10: there the sigmoid is flat (0 "
    "or 1), its derivative nearly zero, and the neuron hardly learns. Xavier shrinks the starting weights "
    "(standard deviation `sqrt(2 / (inputs + outputs))`) so that the sums stay where the sigmoid changes.",
    "TrainingConfig c5 = c4.withInit(Initializer.XAVIER);\n"
    "step(\"5. initialisation de Xavier\", c5, EPOCHS);",
    "TrainingConfig c5 = c4.withInit(Initializer.XAVIER);\n"
    "step(\"5. Xavier initialisation\", c5, EPOCHS);",
) + step(
    "## 6. Le momentum\n\n"
    "Au lieu de suivre le gradient de chaque lot, on suit une vitesse `v = 0,9 v + gradient` : les "
    "directions qui reviennent d'un lot à l'autre s'ajoutent, le bruit d'un seul lot se moyenne. Le pas "
    "redescend à 0,05, car la vitesse accumule environ dix gradients.",
    "## 6. Momentum\n\n"
    "Instead of following each batch's gradient, we follow a velocity `v = 0.9 v + gradient`: directions "
    "that come back from batch to batch add up, the noise of a single batch averages out. The step goes "
    "back down to 0.05, as the velocity adds up about ten gradients.",
    "TrainingConfig c6 = c5.withOptimizer(OptimizerKind.MOMENTUM).withLearningRate(0.05);\n"
    "step(\"6. momentum\", c6, EPOCHS);",
    "TrainingConfig c6 = c5.withOptimizer(OptimizerKind.MOMENTUM).withLearningRate(0.05);\n"
    "step(\"6. momentum\", c6, EPOCHS);",
) + step(
    "## 7. ReLU\n\n"
    "`relu(x) = max(0, x)` ne sature pas pour les sommes positives : sa dérivée y vaut 1, le gradient "
    "traverse les couches sans rétrécir. Elle va avec l'initialisation de He (`sqrt(2 / entrées)`).",
    "## 7. ReLU\n\n"
    "`relu(x) = max(0, x)` does not saturate for positive sums: its derivative there is 1, the gradient "
    "goes through the layers without shrinking. It goes with He initialisation (`sqrt(2 / inputs)`).",
    "TrainingConfig c7 = c6.withActivation(ActivationKind.RELU).withInit(Initializer.HE);\n"
    "step(\"7. ReLU\", c7, EPOCHS);",
    "TrainingConfig c7 = c6.withActivation(ActivationKind.RELU).withInit(Initializer.HE);\n"
    "step(\"7. ReLU\", c7, EPOCHS);",
) + step(
    "## 8. Des couches plus larges : 256 et 128 neurones\n\n"
    "32 puis 16 neurones, c'est peu pour tous les styles d'écriture. Avec 256 puis 128, le réseau a "
    "environ 235 000 poids au lieu de 26 000. Chaque époque coûte plus cher (quelques secondes).",
    "## 8. Wider layers: 256 and 128 neurons\n\n"
    "32 then 16 neurons is little for every handwriting style. With 256 then 128 the network has about "
    "235,000 weights instead of 26,000. Each epoch costs more (a few seconds).",
    "TrainingConfig c8 = c7.withHidden(256, 128);\n"
    "step(\"8. couches de 256 et 128\", c8, EPOCHS);",
    "TrainingConfig c8 = c7.withHidden(256, 128);\n"
    "step(\"8. layers of 256 and 128\", c8, EPOCHS);",
) + [
    ("md",
     "## Le bilan\n\n"
     "La précision sur le test après chaque époque, une courbe par étape :",
     "## Summary\n\n"
     "The test accuracy after each epoch, one curve per step:"),
    ("code", "showImage(curves.image());", None),
    ("md",
     "## Ce que le réseau entraîné rate encore\n\n"
     "Le dernier modèle sur les 10 000 images de test. La matrice de confusion compte, pour chaque vrai "
     "chiffre (ligne), les chiffres prédits (colonne) : la diagonale est ce qui est bien lu, le reste les "
     "erreurs.",
     "## What the trained network still gets wrong\n\n"
     "The last model on the 10,000 test images. The confusion matrix counts, for each true digit (row), "
     "the predicted digits (column): the diagonal is what is read right, the rest are mistakes."),
    ("code",
     "Evaluation evaluation = Evaluation.of(model, xTest, testLabels);\n"
     "System.out.println(\"précision : \" + evaluation.accuracy() + \" %\");\n"
     "showImage(ConfusionHeatMap.of(evaluation.confusion(), Language.FRENCH));",
     "Evaluation evaluation = Evaluation.of(model, xTest, testLabels);\n"
     "System.out.println(\"accuracy: \" + evaluation.accuracy() + \" %\");\n"
     "showImage(ConfusionHeatMap.of(evaluation.confusion(), Language.ENGLISH));"),
    ("md",
     "Les 16 premières images de test mal lues, avec leur vrai chiffre et le chiffre prédit. Beaucoup "
     "seraient difficiles pour un humain aussi.",
     "The first 16 test images read wrong, with their true digit and the predicted one. Many would be "
     "hard for a human too."),
    ("code",
     "int[] wrong = DigitGallery.misclassified(testLabels, evaluation.predicted());\n"
     "System.out.println(wrong.length + \" images mal lues sur \" + testLabels.length);\n"
     "showImage(DigitGallery.of(xTest, wrong, testLabels, evaluation.predicted(), 16, 8, Language.FRENCH));",
     "int[] wrong = DigitGallery.misclassified(testLabels, evaluation.predicted());\n"
     "System.out.println(wrong.length + \" images read wrong out of \" + testLabels.length);\n"
     "showImage(DigitGallery.of(xTest, wrong, testLabels, evaluation.predicted(), 16, 8, Language.ENGLISH));"),
    ("md",
     "Enfin, ce que regardent les neurones de la première couche : la colonne `j` de `W1` (784 × 256) "
     "contient un poids par pixel, qu'on peut redessiner en image 28 × 28. Rouge : de l'encre à cet "
     "endroit pousse le neurone vers le haut ; bleu : vers le bas. Voici les 32 premiers. On y voit des traits et des taches plutôt que des chiffres "
     "entiers ; le bruit autour vient des poids de départ tirés au hasard : un pixel du bord est vide dans "
     "(presque) toutes les images, ses poids ne reçoivent (presque) aucun gradient et restent tels quels.",
     "Finally, what the first layer's neurons look at: column `j` of `W1` (784 × 256) holds one weight "
     "per pixel, which can be drawn back as a 28 × 28 image. Red: ink there pushes the neuron up; blue: "
     "down. Here are the first 32. They show strokes and blobs rather than whole digits; the noise around "
     "them is left from the random starting weights: a pixel near the border is blank in (almost) every "
     "image, so its weights get (almost) no gradient and stay as they were drawn."),
    ("code",) + in_both_languages(
        "showImage(WeightImages.of(model.layers().get(0).weight(), 32, 8, Language.FRENCH));"),
    ("md",
     "Pour aller plus loin : augmentez `EPOCHS` en haut du carnet et relancez tout, ou changez l'ordre "
     "des corrections (chaque étape peut partir de la configuration de n'importe quelle autre : "
     "`c5.withHidden(256, 128)`, par exemple, essaie les couches larges sans momentum ni ReLU). "
     "`Recipe.MODERN.config()` applique d'un coup les corrections 1 à 6 sur la forme du carnet, "
     "784-32-16-10, avec la graine 1 (c'est aussi `java -jar target/my-mnist.jar train --recipe modern`) ; "
     "`.withActivation(ActivationKind.RELU).withHidden(256, 128)` y ajoute les corrections 7 et 8.",
     "To go further: raise `EPOCHS` at the top of the notebook and run everything again, or change the "
     "order of the fixes (each step can start from any other step's configuration: "
     "`c5.withHidden(256, 128)`, say, tries the wide layers without momentum or ReLU). "
     "`Recipe.MODERN.config()` applies fixes 1 to 6 at once on the notebook's shape, 784-32-16-10, with "
     "seed 1 (so does `java -jar target/my-mnist.jar train --recipe modern`); "
     "`.withActivation(ActivationKind.RELU).withHidden(256, 128)` adds fixes 7 and 8."),
]
