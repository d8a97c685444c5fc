// Which files the editor treats as manifests: YAML (and JSON, which is YAML) get the schemas and the Apply button.

export function isManifestPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path)
}
