// pom.xml and application.yml are the README's snippets for rocketmq-spring listeners.
stack = "rocketmq-spring listeners"
evaluate(new File(basedir, "../../../src/it/readme-snippets.groovy"))
