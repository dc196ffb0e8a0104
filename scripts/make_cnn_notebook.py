#!/usr/bin/env python3
"""The cells of the convolution notebook (04-convolution.ipynb in French, 04-convolution-en.ipynb in English).

scripts/make_notebooks.py imports CNN_CELLS and writes both files; run that script after editing here.
Each cell: ("md", french, english) or ("code", french_code, english_code or None for the same).
"""


def in_both_languages(fr_code):
    """A code cell that differs between the two notebooks only by its Language constant."""
    return (fr_code, fr_code.replace("Language.FRENCH", "Language.ENGLISH"))


# The comparison row with the dense network of notebook 02: same epochs, parameters counted, seconds summed.
COMPARISON = (
    "long parameters(Model m) {\n"
    "    long count = 0;\n"
    "    for (Stage s : m.features()) for (INDArray p : s.parameters()) count += p.length();\n"
    "    for (Layer l : m.layers()) count += l.weight().length() + (l.hasBias() ? l.bias().length() : 0);\n"
    "    return count;\n"
    "}\n"
    "TrainingConfig denseConfig = Recipe.MODERN.config().withHidden(256, 128).withActivation(ActivationKind.RELU);\n"
    "Model dense = denseConfig.newModel();\n"
    "History denseHistory = new Trainer(dense, denseConfig, xTrain, yTrain, xTest, yTest).epochs(EPOCHS).run();\n"
    "double denseSeconds = denseHistory.epochs().stream().mapToDouble(e -> e.trainSeconds()).sum();\n"
    "double cnnSeconds = history.epochs().stream().mapToDouble(e -> e.trainSeconds()).sum();\n"
    "StepTable comparison = new StepTable(Language.FRENCH);\n"
    "comparison.add(\"dense 784-256-128-10, \" + parameters(dense) + \" poids\", denseHistory.size(), denseSeconds,\n"
    "        denseHistory.last().accuracy());\n"
    "comparison.add(\"convolution 20-50, \" + parameters(model) + \" poids\", history.size(), cnnSeconds,\n"
    "        history.last().accuracy());\n"
    "showHtml(comparison.html());")

CNN_CELLS = [
    ("md",
     "# La convolution : 99 % en trois époques\n\n"
     "Le réseau dense de « Pourquoi 27 % ? » finit vers 98 %. Les poids de sa première couche, redessinés "
     "en images, sont des traits flous : chaque neurone apprend **un trait à une position**, et le même "
     "trait un pixel plus loin est un autre neurone à apprendre. Une **convolution** fait l'inverse : un "
     "petit filtre de 5 × 5 poids glisse sur toute l'image, et les mêmes 25 poids cherchent le même trait "
     "partout. Le réseau de LeCun (LeNet-5) lisait ainsi 99,05 % des chiffres ; celui-ci, écrit ici à "
     "partir de rien, aussi.\n\n"
     "Le réseau : convolution 5 × 5 × 20 → ReLU → max-pooling 2 → convolution 5 × 5 × 50 → ReLU → "
     "max-pooling 2 → dense 800 → 10, softmax et entropie croisée.",
     "# Convolution: 99 % in three epochs\n\n"
     "The dense network of \"Why 27 %?\" ends near 98 %. Its first layer's weights, drawn as pictures, "
     "are blurry strokes: each neuron learns **one stroke at one position**, and the same stroke one pixel "
     "further is another neuron to learn. A **convolution** does the opposite: a small filter of 5 × 5 "
     "weights slides over the whole image, and the same 25 weights look for the same stroke everywhere. "
     "LeCun's network (LeNet-5) read 99.05 % of the digits this way; this one, written here from scratch, "
     "does too.\n\n"
     "The network: convolution 5 × 5 × 20 → ReLU → max pooling 2 → convolution 5 × 5 × 50 → ReLU → "
     "max pooling 2 → dense 800 → 10, softmax and cross-entropy."),
    ("code", "%jars ../target/my-mnist.jar ../target/lib/*.jar", None),
    ("md",
     "Toutes les importations dans une seule cellule (une importation plus tard peut effacer les "
     "variables dans certains noyaux Java), et trois petites méthodes pour afficher du code, du HTML et des images.",
     "All imports in one cell (a later import can wipe variables in some Java kernels), and three small "
     "methods to show code, HTML and pictures."),
    ("code",
     "import java.awt.image.BufferedImage;\n"
     "import org.nd4j.linalg.api.buffer.DataType;\n"
     "import org.nd4j.linalg.api.ndarray.INDArray;\n"
     "import org.nd4j.linalg.factory.Nd4j;\n"
     "import org.mymnist.backend.NativeBackend;\n"
     "import org.mymnist.data.MnistData;\n"
     "import org.mymnist.evaluation.Evaluation;\n"
     "import org.mymnist.nn.Layer;\n"
     "import org.mymnist.nn.Model;\n"
     "import org.mymnist.nn.Stage;\n"
     "import org.mymnist.nn.conv.Convolution;\n"
     "import org.mymnist.nn.conv.Flatten;\n"
     "import org.mymnist.nn.conv.MaxPooling;\n"
     "import org.mymnist.nn.conv.Unflatten;\n"
     "import org.mymnist.training.ActivationKind;\n"
     "import org.mymnist.training.History;\n"
     "import org.mymnist.training.Recipe;\n"
     "import org.mymnist.training.Trainer;\n"
     "import org.mymnist.training.TrainingConfig;\n"
     "import org.mymnist.view.ChannelImages;\n"
     "import org.mymnist.view.ConfusionHeatMap;\n"
     "import org.mymnist.view.DigitGallery;\n"
     "import org.mymnist.view.DigitImage;\n"
     "import org.mymnist.view.Language;\n"
     "import org.mymnist.view.SourceView;\n"
     "import org.mymnist.view.StepTable;\n"
     "import org.mymnist.view.TrainingChart;\n"
     "\n"
     "NativeBackend.configure();\n"
     "\n"
     "void showCode(Class<?> type, String member) { display(SourceView.markdown(type, member), \"text/markdown\"); }\n"
     "void showHtml(String html) { display(html, \"text/html\"); }\n"
     "void showImage(BufferedImage image) { display(image); }", None),
    ("md",
     "Le nombre d'époques d'entraînement. `java -jar target/my-mnist.jar train --recipe cnn` en fait 3 et "
     "dépasse 99 % ; ici une seule (98,5 % environ) garde le carnet sous la minute et demie sur un portable "
     "à deux cœurs. Mettez 3 pour les 99 % (chaque époque prend de 10 à 20 secondes).",
     "The number of training epochs. `java -jar target/my-mnist.jar train --recipe cnn` trains 3 and goes "
     "past 99 %; here a single one (about 98.5 %) keeps the notebook under a minute and a half on a "
     "two-core laptop. Set 3 for the 99 % (each epoch takes 10 to 20 seconds)."),
    ("code", "int EPOCHS = 1;", None),
    ("md", "Les données, en float32 comme la recette.", "The data, in float32 like the recipe."),
    ("code",
     "MnistData data = MnistData.load(null, DataType.FLOAT);\n"
     "INDArray xTrain = data.trainImages(), yTrain = data.trainOneHot();\n"
     "INDArray xTest = data.testImages(), yTest = data.testOneHot();\n"
     "int[] testLabels = data.testLabels();", None),

    ("md",
     "## im2col : la convolution devient un produit de matrices\n\n"
     "Une image de 5 × 5 pixels numérotés de 0 à 24, et un filtre de 3 × 3. Le filtre tient en 3 × 3 = 9 "
     "positions. `im2col` déroule l'image : **une ligne par position**, qui contient les 9 pixels que le "
     "filtre y voit. La première ligne est le coin en haut à gauche (0, 1, 2, 5, 6, 7, 10, 11, 12), la "
     "deuxième le même carré décalé d'un pixel à droite, etc. On peut tout vérifier à la main.",
     "## im2col: the convolution becomes a matrix product\n\n"
     "A 5 × 5 image with pixels numbered 0 to 24, and a 3 × 3 filter. The filter fits in 3 × 3 = 9 "
     "positions. `im2col` unrolls the image: **one row per position**, holding the 9 pixels the filter "
     "sees there. The first row is the top-left corner (0, 1, 2, 5, 6, 7, 10, 11, 12), the second the same "
     "square moved one pixel right, and so on. All of it can be checked by hand."),
    ("code",
     "INDArray tiny = Nd4j.arange(25).castTo(DataType.DOUBLE).reshape(1, 1, 5, 5);\n"
     "System.out.println(tiny.reshape(5, 5));\n"
     "INDArray patches = Convolution.im2col(tiny, 3);\n"
     "patches", None),
    ("md",
     "Un filtre qui cherche un trait vertical : −1 à gauche, +1 à droite. Toute la convolution est **un "
     "seul produit** des 9 lignes par le filtre déroulé (9 nombres) : une valeur par position, remise en "
     "3 × 3. Dans cette image, chaque pixel vaut un de plus que son voisin de gauche, donc chaque position "
     "donne 3 × (2 − 0) = 6.",
     "A filter looking for a vertical stroke: −1 on the left, +1 on the right. The whole convolution is "
     "**one product** of the 9 rows by the unrolled filter (9 numbers): one value per position, put back "
     "as 3 × 3. In this image every pixel is one more than its left neighbour, so each position gives "
     "3 × (2 − 0) = 6."),
    ("code",
     "INDArray vertical = Nd4j.createFromArray(new double[] {-1, 0, 1, -1, 0, 1, -1, 0, 1}).reshape(1, 1, 3, 3);\n"
     "System.out.println(patches.mmul(vertical.reshape(9, 1)).reshape(3, 3));\n"
     "new Convolution(vertical, Nd4j.zeros(DataType.DOUBLE, 1)).calculate(tiny)", None),

    ("md",
     "## Le code des couches\n\n"
     "La convolution de la bibliothèque fait exactement cela, pour tout un lot d'images et plusieurs "
     "filtres à la fois : `calculate` déroule, multiplie, ajoute le biais.",
     "## The layers' code\n\n"
     "The library's convolution does exactly that, for a whole batch of images and several filters at "
     "once: `calculate` unrolls, multiplies, adds the bias."),
    ("code", "showCode(Convolution.class, \"calculate\");", None),
    ("code", "showCode(Convolution.class, \"im2col\");", None),
    ("md",
     "Le passage en arrière suit le même déroulement : le gradient des poids est un produit avec les "
     "lignes déroulées, et le gradient de l'image replie chaque ligne sur les pixels d'où elle venait "
     "(`col2im` : un pixel vu par plusieurs positions reçoit la somme).",
     "The backward pass follows the same unrolling: the weights' gradient is a product with the unrolled "
     "rows, and the image's gradient folds each row back onto the pixels it came from (`col2im`: a pixel "
     "seen by several positions gets the sum)."),
    ("code", "showCode(Convolution.class, \"gradient\");", None),
    ("code", "showCode(Convolution.class, \"col2im\");", None),
    ("md",
     "Le max-pooling garde la plus grande valeur de chaque carré de 2 × 2 : l'image devient deux fois plus "
     "petite, et un trait décalé d'un pixel donne presque la même sortie. Son gradient va tout entier à la "
     "valeur qui a gagné ; les trois autres n'ont rien changé à la sortie.",
     "Max pooling keeps the largest value of each 2 × 2 square: the image gets twice smaller, and a stroke "
     "moved by one pixel gives nearly the same output. Its gradient goes entirely to the value that won; "
     "the other three changed nothing in the output."),
    ("code", "showCode(MaxPooling.class, \"calculate\");", None),
    ("code", "showCode(MaxPooling.class, \"gradient\");", None),

    ("md",
     "## Le réseau\n\n"
     "`Recipe.CNN` est la configuration (une valeur : `withConvolutions(8, 16)` en donne une autre) ; "
     "`newModel()` construit les étapes et les couches, poids tirés au hasard à l'échelle que PyTorch prend "
     "par défaut (écart type `sqrt(1 / (3 entrées))`), biais à zéro.",
     "## The network\n\n"
     "`Recipe.CNN` is the configuration (a value: `withConvolutions(8, 16)` gives another one); "
     "`newModel()` builds the stages and layers, weights drawn at random at the scale PyTorch uses by "
     "default (standard deviation `sqrt(1 / (3 inputs))`), zero biases."),
    ("code",
     "TrainingConfig config = Recipe.CNN.config();\n"
     "Model model = config.newModel();\n"
     "System.out.println(config);\n"
     "model", None),
    ("md",
     "## Entraînement\n\n"
     "Mini-lots de 64 images mélangées, momentum 0,9, pas de 0,05. Après chaque époque la courbe se "
     "redessine sur place. Le bouton ■ (*interrupt*) arrête l'entraînement à la fin de l'époque en cours ; "
     "`trainer.run()` dans une nouvelle cellule reprend là où il s'était arrêté (même vitesse du momentum, "
     "même suite de mélanges).",
     "## Training\n\n"
     "Mini-batches of 64 shuffled images, momentum 0.9, learning rate 0.05. After each epoch the chart is "
     "redrawn in place. The ■ (*interrupt*) button stops training at the end of the current epoch; "
     "`trainer.run()` in a new cell resumes where it stopped (same momentum velocity, same sequence of "
     "shuffles)."),
    ("code",) + in_both_languages(
     "TrainingChart chart = new TrainingChart(EPOCHS, Language.FRENCH);\n"
     "String chartId = display(chart.image());\n"
     "Trainer trainer = new Trainer(model, config, xTrain, yTrain, xTest, yTest).epochs(EPOCHS).onEpoch(epoch -> {\n"
     "    System.out.printf(\"epoch %d  loss %.4f  accuracy %.2f %%  %.1f s%n\", epoch.epoch() + 1, epoch.loss(),\n"
     "            epoch.accuracy(), epoch.trainSeconds());\n"
     "    updateDisplay(chartId, chart.add(epoch.epoch(), epoch.loss(), epoch.accuracy()).image());\n"
     "});\n"
     "History history = trainer.run();"),

    ("md",
     "## Ce que le réseau a appris\n\n"
     "Les 20 filtres de la première convolution, 5 × 5 poids chacun : des bords, des traits dans toutes "
     "les directions. Chacun est cherché partout dans l'image.",
     "## What the network learned\n\n"
     "The 20 filters of the first convolution, 5 × 5 weights each: edges, strokes in every direction. "
     "Each is looked for everywhere in the image."),
    ("code",) + in_both_languages(
     "Convolution first = (Convolution) model.features().get(1);\n"
     "showImage(ChannelImages.filters(first.weight(), 10, Language.FRENCH));"),
    ("md",
     "Une image de test, puis ce qu'elle devient après chaque étape : 20 cartes de 24 × 24 (une par "
     "filtre, noir là où le filtre trouve son trait), ReLU, pooling en 12 × 12, puis 50 cartes de 8 × 8 et "
     "4 × 4 qui combinent les traits. Les 50 × 4 × 4 = 800 nombres de la fin sont ce que lit la couche dense.",
     "One test image, then what it becomes after each stage: 20 maps of 24 × 24 (one per filter, black "
     "where the filter finds its stroke), ReLU, pooling to 12 × 12, then 50 maps of 8 × 8 and 4 × 4 that "
     "combine the strokes. The 50 × 4 × 4 = 800 numbers at the end are what the dense layer reads."),
    ("code", "showImage(DigitImage.of(data.testPixels(0)));", None),
    ("code",
     "INDArray x = xTest.getRow(0, true);\n"
     "for (Stage stage : model.features()) {\n"
     "    x = stage.calculate(x);\n"
     "    if (!(stage instanceof Unflatten) && !(stage instanceof Flatten)) {\n"
     "        showImage(ChannelImages.maps(x, stage.toString(), 10));\n"
     "    }\n"
     "}", None),
    ("md",
     "## Ce qu'il rate encore\n\n"
     "La matrice de confusion sur les 10 000 images de test (ligne : le vrai chiffre, colonne : le chiffre lu), "
     "puis les premières images mal lues.",
     "## What it still gets wrong\n\n"
     "The confusion matrix over the 10,000 test images (row: the true digit, column: the digit read), then "
     "the first images read wrong."),
    ("code",
     "Evaluation evaluation = Evaluation.of(model, xTest, testLabels);\n"
     "System.out.println(\"précision : \" + evaluation.accuracy() + \" %\");\n"
     "showImage(ConfusionHeatMap.of(evaluation.confusion(), Language.FRENCH));",
     "Evaluation evaluation = Evaluation.of(model, xTest, testLabels);\n"
     "System.out.println(\"accuracy: \" + evaluation.accuracy() + \" %\");\n"
     "showImage(ConfusionHeatMap.of(evaluation.confusion(), Language.ENGLISH));"),
    ("code",
     "int[] wrong = DigitGallery.misclassified(testLabels, evaluation.predicted());\n"
     "System.out.println(wrong.length + \" images mal lues sur \" + testLabels.length);\n"
     "showImage(DigitGallery.of(xTest, wrong, testLabels, evaluation.predicted(), 16, 8, Language.FRENCH));",
     "int[] wrong = DigitGallery.misclassified(testLabels, evaluation.predicted());\n"
     "System.out.println(wrong.length + \" images read wrong out of \" + testLabels.length);\n"
     "showImage(DigitGallery.of(xTest, wrong, testLabels, evaluation.predicted(), 16, 8, Language.ENGLISH));"),

    ("md",
     "## Face au réseau dense de « Pourquoi 27 % ? »\n\n"
     "Le dernier réseau du carnet 02 (784 → 256 → 128 → 10, ReLU, momentum), entraîné ici le même nombre "
     "d'époques. La convolution a **sept fois moins de poids** (les 20 filtres de la première couche n'en ont "
     "que 520) et lit mieux ; chaque époque coûte plus de calcul, car chaque filtre est appliqué à toutes "
     "les positions.",
     "## Against the dense network of \"Why 27 %?\"\n\n"
     "The last network of notebook 02 (784 → 256 → 128 → 10, ReLU, momentum), trained here for the same "
     "number of epochs. The convolution has **seven times fewer weights** (the 20 filters of the first layer "
     "hold only 520) and reads better; each epoch costs more computation, as every filter is applied at "
     "every position."),
    ("code", COMPARISON, COMPARISON.replace("Language.FRENCH", "Language.ENGLISH").replace(" poids", " weights")),
    ("md",
     "Pour aller plus loin : `EPOCHS = 3` en haut du carnet (plus de 99 %), `withConvolutions(8, 16)` pour "
     "un réseau plus petit et plus rapide, ou `java -jar target/my-mnist.jar bench --recipe cnn` pour les "
     "temps de cette machine.",
     "To go further: `EPOCHS = 3` at the top of the notebook (over 99 %), `withConvolutions(8, 16)` for a "
     "smaller, faster network, or `java -jar target/my-mnist.jar bench --recipe cnn` for this machine's "
     "timings."),
]
