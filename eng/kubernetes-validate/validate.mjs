// Validates every Kubernetes object in the YAML files given on the command line against the API's
// OpenAPI schemas (kubernetes-models' generated validators: types, required fields, formats, enums).
// Prints one line per object; exits 1 when any object is invalid or of a kind it has no schema for.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let failed = false;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.log(`error ${file}: ${document.errors[0].message}`);
      failed = true;
      continue;
    }

    const object = document.toJS();
    if (object === null) {
      continue;
    }

    const name = `${object.kind}/${object.metadata?.name ?? "?"}`;
    let model;
    try {
      model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
    } catch {
      console.log(`error ${file} ${name}: no schema for ${object.apiVersion} ${object.kind}`);
      failed = true;
      continue;
    }

    try {
      new model(object).validate();
      console.log(`ok ${file} ${name}`);
    } catch (error) {
      console.log(`error ${file} ${name}: ${error.message.replaceAll("\n", " ")}`);
      failed = true;
    }
  }
}

process.exit(failed ? 1 : 0);
