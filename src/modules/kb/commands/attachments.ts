import fs from "node:fs";
import path from "node:path";
import type { Actor } from "../../../access/actor";
import { authorizeKb } from "../../../access/policies/kb.policy";
import type { Deps } from "../../../platform/deps";
import { withTransaction } from "../../../platform/db/transaction";
import { invalid, notFound } from "../../../platform/http/errors";
import type { StoredUpload } from "../../../platform/uploads/stored-file";
import { KbArticle, KbAttachment } from "../kb.entity";
import { appendRevision } from "./save-article";

/**
 * Files already stored by the upload middleware (random names, type allow-list, size
 * limits), recorded against an article, with a revision saying which (the article's
 * history shows every change). Nothing chosen is the form's error.
 */
export async function addKbFiles(deps: Deps, actor: Actor, articleId: number, files: StoredUpload[]): Promise<KbAttachment[]> {
  authorizeKb(actor, "write");
  if (!files.length) throw invalid({ attachments: "validation.required" });
  return withTransaction(deps.db, async (tx) => {
    const a = await tx.findOne(KbArticle, { where: { id: articleId } });
    if (!a) throw notFound("kb_article_not_found");
    const now = deps.clock.now();
    const rows = files.map((f) => tx.create(KbAttachment, {
      articleId, filename: f.originalName, mimeType: f.mimeType, size: f.size, storageKey: f.storageKey, uploadedById: actor.id, createdAt: now,
    }));
    await appendRevision(tx, a, actor.id, "files", files.map((f) => `+ ${f.originalName}`).join("\n"), now);
    return tx.save(rows);
  });
}

/** Remove a file from its article (a revision says which); the stored file goes once the row is gone for good (after commit). */
export async function deleteKbFile(deps: Deps, actor: Actor, fileId: number): Promise<KbAttachment> {
  authorizeKb(actor, "write");
  return withTransaction(deps.db, async (tx, afterCommit) => {
    const f = await tx.findOne(KbAttachment, { where: { id: fileId } });
    if (!f) throw notFound("kb_file_not_found");
    await tx.delete(KbAttachment, { id: f.id });
    const a = await tx.findOne(KbArticle, { where: { id: f.articleId } });
    if (a) await appendRevision(tx, a, actor.id, "files", `− ${f.filename}`, deps.clock.now());
    afterCommit(() => fs.rm(path.join(deps.config.uploadDir, path.basename(f.storageKey)), { force: true }, () => undefined));
    return f;
  });
}
