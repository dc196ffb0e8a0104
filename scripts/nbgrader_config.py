# nbgrader's configuration for a course that hands out the my-mnist exercise notebooks
# (notebooks/03-exercices.ipynb, notebooks/03-exercises-en.ipynb). scripts/test-nbgrader.sh copies it
# into the course folder it builds; a teacher copies it into theirs (see notebooks/README.md).
c = get_config()  # noqa: F821 (nbgrader defines it)

c.CourseDirectory.course_id = "my-mnist"

# What replaces each "// BEGIN SOLUTION ... // END SOLUTION" region in the student version. nbgrader's
# own Java stub is a comment alone, which leaves a method without its return statement: Java refuses
# to compile it. A throw compiles, fails when called, and the checks recognise it ("not written yet").
c.ClearSolutions.code_stub = {
    "java": '// À VOUS / YOUR CODE HERE\nthrow new UnsupportedOperationException("à vous : écrivez ce morceau / your turn: write this piece");',
}

# A Java kernel takes a few seconds to start, and the training cells about 10 to 20 seconds on a busy
# machine: nbgrader's default of 30 seconds a cell is too short there.
c.Execute.timeout = 300
c.Execute.startup_timeout = 120
