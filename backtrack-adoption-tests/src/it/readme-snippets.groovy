// Checks that this project is made from README.md, section "Adding Backtrack to your application", alone: the
// section's BOM import and the XML snippet of the subsection named `stack` are in pom.xml literally, and its YAML
// snippet is the whole application.yml.
def readme = new File(basedir, '../../../../README.md').getText('UTF-8')
def start = readme.indexOf('\n## Adding Backtrack to your application\n')
assert start >= 0 : 'README.md has no section "Adding Backtrack to your application"'
def section = readme.substring(start, readme.indexOf('\n## ', start + 1))
def intro = section.substring(0, section.indexOf('\n### '))
def subStart = section.indexOf("\n### ${stack}\n")
assert subStart >= 0 : "README.md has no subsection \"${stack}\" under \"Adding Backtrack to your application\""
def subEnd = section.indexOf('\n### ', subStart + 1)
def sub = section.substring(subStart, subEnd < 0 ? section.length() : subEnd)
def blocks = { String text, String lang -> (text =~ /(?s)```${lang}\n(.*?)```/).collect { it[1] } }

def pom = new File(basedir, 'pom.xml').getText('UTF-8')
def xml = blocks(intro, 'xml') + blocks(sub, 'xml')
assert xml.size() == 2 : "expected the BOM import and one dependencies snippet, found ${xml.size()} XML snippets"
xml.each { assert pom.contains(it) : "pom.xml does not contain this README snippet literally:\n${it}" }

def yaml = blocks(sub, 'yaml')
assert yaml.size() == 1 : "expected one YAML snippet under \"${stack}\", found ${yaml.size()}"
def yml = new File(basedir, 'src/main/resources/application.yml').getText('UTF-8')
assert yml == yaml[0] : "application.yml differs from the README snippet:\n${yaml[0]}"
return true
