// Checks that the Backtrack artifacts this project is built against are this build's: an older `./mvnw install` in
// ~/.m2 ends up here when the module is built without the modules it needs (-pl without -am).
['backtrack-core', 'backtrack-spring-boot-autoconfigure', 'backtrack-embedded', 'backtrack-test'].each { module ->
    def jar = "${module}-0.1.0-SNAPSHOT.jar"
    def built = new File(basedir, "../../../../${module}/target/${jar}").canonicalFile
    def installed = new File(localRepositoryPath, "dev/backtrack/${module}/0.1.0-SNAPSHOT/${jar}")
    assert built.isFile() : "${built} was not built: build with -am (./mvnw -pl backtrack-adoption-tests -am verify)"
    assert installed.bytes == built.bytes : "${installed} is not ${built}: build with -am"
}
return true
