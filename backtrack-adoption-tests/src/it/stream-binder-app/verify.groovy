// pom.xml and application.yml are the README's snippets for the Spring Cloud Stream binder.
stack = "Spring Cloud Stream binder"
evaluate(new File(basedir, "../../../src/it/readme-snippets.groovy"))
