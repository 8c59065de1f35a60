import { expect } from "chai";
import { testContext } from "../helpers/context";

interface Layer {
  route?: { path: string; stack: { handle: { access?: string } }[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Fail closed: every route's first handler is a gate that declares who may reach it. */
describe("HTTP: every route declares its access", () => {
  it("has a gate on every route", async () => {
    const { app } = await testContext();
    const missing: string[] = [];
    let count = 0;
    const walk = (stack: Layer[]) => {
      for (const layer of stack) {
        if (layer.route) {
          count++;
          if (!layer.route.stack[0]?.handle.access) missing.push(`${Object.keys(layer.route.methods).join(",")} ${layer.route.path}`);
        } else if (layer.handle.stack) walk(layer.handle.stack);
      }
    };
    walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
    expect(count).to.be.greaterThan(15);
    expect(missing).to.deep.equal([]);
  });
});
