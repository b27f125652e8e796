internal import CYAML
func _yamlSmoke() -> String { String(cString: yaml_get_version_string()) }
