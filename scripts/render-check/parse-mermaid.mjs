// Parses Mermaid files with mermaid's own parser, as GitHub's renderer does before drawing.
//
//   node parse-mermaid.mjs FILE...
//
// A file is either a diagram or Markdown whose ```mermaid blocks are parsed one by one. For a
// flowchart, the parsed diagram must also hold as many nodes and edges as the text declares,
// so a label that swallowed its neighbours does not pass unnoticed, and every service node
// must carry the class of the lifecycle status its label names. mermaid sanitizes labels
// with DOMPurify, which needs a DOM: jsdom provides one, no browser is involved.
// Exit status: 0 when every diagram parses, 1 otherwise.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

/** The diagrams of a file: its ```mermaid blocks, or the whole text. */
function diagrams(text) {
  const blocks = [...text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  return blocks.length > 0 ? blocks : [text];
}

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const [index, text] of diagrams(readFileSync(file, 'utf8')).entries()) {
    const name = `${file}#${index + 1}`;
    try {
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      const type = diagram.type;
      let detail = type;
      if (type.startsWith('flowchart')) {
        const nodes = diagram.db.getVertices().size;
        const edges = diagram.db.getEdges().length;
        const declaredNodes = text.match(/^\s+svc_\w+\["/gm)?.length ?? 0;
        const declaredEdges = text.match(/^\s+svc_\w+ -\.?->/gm)?.length ?? 0;
        if (nodes !== declaredNodes || edges !== declaredEdges) {
          throw new Error(
            `parsed ${nodes} nodes and ${edges} edges, the text declares ${declaredNodes} and ${declaredEdges}`,
          );
        }
        // Every service node says its status and must carry the class that colours it.
        for (const [id, vertex] of diagram.db.getVertices()) {
          const status = /· (development|beta|ga|maintenance|deprecated|retired)\b/.exec(vertex.text)?.[1];
          if (status && !vertex.classes.includes(status)) {
            throw new Error(`node ${id} is ${status} but has the classes [${vertex.classes}]`);
          }
        }
        detail = `${type}, ${nodes} nodes, ${edges} edges`;
      }
      console.log(`ok     ${name} (${detail})`);
      passed += 1;
    } catch (error) {
      console.log(`FAILED ${name}: ${error.message}`);
      failed += 1;
    }
  }
}
console.log(`mermaid: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
