// Built against this build's Backtrack artifacts.
evaluate(new File(basedir, "../../../src/it/fresh-artifacts.groovy"))
