import { Router, type Request, type Response } from "express";
import type { Deps } from "../../platform/deps";
import { route } from "../../platform/http/route";
import type { AppError } from "../../platform/http/errors";
import { parse } from "../../platform/http/validate";
import { ROLES } from "../../access/roles";
import { LEVELS } from "../tickets/ticket.types";
import { listGroups } from "../users/queries/groups";
import { createUserSchema, passwordSchema, updateUserSchema } from "../users/user.schemas";
import { createUser } from "../users/commands/create-user";
import { setPassword } from "../users/commands/set-password";
import { categorySchema, cursorSchema, groupSchema, matrixCell, matrixSchema, userListSchema } from "./admin.schemas";
import {
  checkedIds, groupOptions, pageLinks, presentAudit, presentCategories, presentUserRows, typedValues, userCan, userFormValues,
  type FormValues,
} from "./admin.presenter";
import { updateUser } from "../users/commands/update-user";
import { createGroup } from "./commands/create-group";
import { updateGroup } from "./commands/update-group";
import { createCategory } from "./commands/create-category";
import { updateCategory } from "./commands/update-category";
import { setPriorityMatrix } from "./commands/set-priority-matrix";
import { getUserForEdit, listUsers } from "./queries/users";
import { getGroup, listGroupsWithCounts } from "./queries/groups";
import { getCategory, listAllCategories } from "./queries/categories";
import { getMatrixForEdit } from "./queries/settings";
import { listAudit } from "./queries/audit-log";
import { idParam, show, submitter } from "./admin-page";

/** The admin pages: users, support groups, categories, the priority matrix, the audit log. */
export function adminRoutes(deps: Deps): Router {
  const r = Router();
  const m = deps.db.manager;

  const submit = submitter(r);

  // ---- users
  route(r, "get", "/admin/users", "admin", async (req, res) => {
    const f = parse(userListSchema, req.query);
    const page = await listUsers(deps, req.actor!, f);
    show(res, "users", {
      title: res.locals.t("admin.users.title"), rows: presentUserRows(page.rows, req.actor!, res.locals.t), filter: f, roles: ROLES,
      ...pageLinks("/admin/users", { q: f.q, role: f.role }, f.cursor, page.nextCursor),
    });
  });

  const renderNewUser = async (res: Response, values: FormValues, status?: number, err?: AppError) =>
    show(res, "user-new", {
      title: res.locals.t("admin.users.new"), roles: ROLES, groups: groupOptions(await listGroups(m)), values, checked: checkedIds(values.groupIds),
    }, status, err);

  route(r, "get", "/admin/users/new", "admin", async (_req, res) => renderNewUser(res, { role: "requester" }));
  submit("/admin/users", async (req) => {
    const user = await createUser(deps, req.actor!, parse(createUserSchema, req.body));
    return { to: `/admin/users/${user.id}`, key: "admin.flash.user_created", params: { username: user.username } };
  }, (req, res, err) => renderNewUser(res, typedValues(req.body), err.status, err));

  const renderUser = async (req: Request, res: Response, typed?: FormValues, status?: number, err?: AppError) => {
    const { user, groupIds, manager } = await getUserForEdit(deps, req.actor!, idParam(req));
    const values = typed ?? userFormValues(user, groupIds, manager);
    show(res, "user-edit", {
      title: res.locals.t("admin.users.edit", { username: user.username }),
      user: { id: user.id, username: user.username, directory: user.provider === "ldap", createdAt: user.createdAt },
      can: userCan(user, req.actor!), roles: ROLES, groups: groupOptions(await listGroups(m)), values, checked: checkedIds(values.groupIds),
    }, status, err);
  };

  route(r, "get", "/admin/users/:id", "admin", async (req, res) => renderUser(req, res));
  submit("/admin/users/:id", async (req) => {
    const user = await updateUser(deps, req.actor!, idParam(req), parse(updateUserSchema, req.body));
    return { to: `/admin/users/${user.id}`, key: "admin.flash.user_saved", params: { username: user.username } };
  }, (req, res, err) => renderUser(req, res, typedValues(req.body), err.status, err));

  submit("/admin/users/:id/password", async (req) => {
    const id = idParam(req);
    const { password } = parse(passwordSchema, req.body);
    await setPassword(deps, req.actor!, id, password, req.sessionID);
    const { user } = await getUserForEdit(deps, req.actor!, id);
    return { to: `/admin/users/${id}`, key: "admin.flash.password_set", params: { username: user.username } };
  }, (req, res, err) => renderUser(req, res, undefined, err.status, err));

  // ---- support groups
  const renderGroups = async (req: Request, res: Response, values: FormValues, status?: number, err?: AppError) =>
    show(res, "groups", { title: res.locals.t("admin.groups.title"), rows: await listGroupsWithCounts(deps, req.actor!), values }, status, err);

  route(r, "get", "/admin/groups", "admin", async (req, res) => renderGroups(req, res, { tier: "1" }));
  submit("/admin/groups", async (req) => {
    const group = await createGroup(deps, req.actor!, parse(groupSchema, req.body));
    return { to: "/admin/groups", key: "admin.flash.group_created", params: { name: group.name } };
  }, (req, res, err) => renderGroups(req, res, typedValues(req.body), err.status, err));

  const renderGroup = async (req: Request, res: Response, typed?: FormValues, status?: number, err?: AppError) => {
    const { group, members } = await getGroup(deps, req.actor!, idParam(req));
    show(res, "group", {
      title: res.locals.t("admin.groups.edit", { name: group.name }), group, members,
      values: typed ?? { name: group.name, tier: String(group.tier), email: group.email ?? "" },
    }, status, err);
  };

  route(r, "get", "/admin/groups/:id", "admin", async (req, res) => renderGroup(req, res));
  submit("/admin/groups/:id", async (req) => {
    const group = await updateGroup(deps, req.actor!, idParam(req), parse(groupSchema, req.body));
    return { to: "/admin/groups", key: "admin.flash.group_saved", params: { name: group.name } };
  }, (req, res, err) => renderGroup(req, res, typedValues(req.body), err.status, err));

  // ---- categories
  const tierOneGroups = async () => groupOptions((await listGroups(m)).filter((g) => g.tier === 1));
  const renderCategories = async (req: Request, res: Response, values: FormValues, status?: number, err?: AppError) => {
    const [categories, groups] = await Promise.all([listAllCategories(deps, req.actor!), listGroups(m)]);
    show(res, "categories", {
      title: res.locals.t("admin.categories.title"), rows: presentCategories(categories, groups), groups: await tierOneGroups(), values,
    }, status, err);
  };

  route(r, "get", "/admin/categories", "admin", async (req, res) => renderCategories(req, res, { active: true }));
  submit("/admin/categories", async (req) => {
    const category = await createCategory(deps, req.actor!, parse(categorySchema, req.body));
    return { to: "/admin/categories", key: "admin.flash.category_created", params: { name: category.name } };
  }, (req, res, err) => renderCategories(req, res, typedValues(req.body), err.status, err));

  const renderCategory = async (req: Request, res: Response, typed?: FormValues, status?: number, err?: AppError) => {
    const category = await getCategory(deps, req.actor!, idParam(req));
    show(res, "category", {
      title: res.locals.t("admin.categories.edit", { name: category.name }), category, groups: await tierOneGroups(),
      values: typed ?? { name: category.name, defaultGroupId: category.defaultGroupId ?? "", active: category.active },
    }, status, err);
  };

  route(r, "get", "/admin/categories/:id", "admin", async (req, res) => renderCategory(req, res));
  submit("/admin/categories/:id", async (req) => {
    const category = await updateCategory(deps, req.actor!, idParam(req), parse(categorySchema, req.body));
    return { to: "/admin/categories", key: "admin.flash.category_saved", params: { name: category.name } };
  }, (req, res, err) => renderCategory(req, res, typedValues(req.body), err.status, err));

  // ---- priority matrix
  const renderMatrix = async (res: Response, values: FormValues, status?: number, err?: AppError) =>
    show(res, "matrix", { title: res.locals.t("admin.matrix.title"), levels: LEVELS, cell: matrixCell, values }, status, err);

  route(r, "get", "/admin/matrix", "admin", async (req, res) => {
    const matrix = await getMatrixForEdit(deps, req.actor!);
    const values = Object.fromEntries(LEVELS.flatMap((i) => LEVELS.map((u) => [matrixCell(i, u), String(matrix[i][u])])));
    await renderMatrix(res, values);
  });
  submit("/admin/matrix", async (req) => {
    await setPriorityMatrix(deps, req.actor!, parse(matrixSchema, req.body));
    return { to: "/admin/matrix", key: "admin.flash.matrix_saved" };
  }, (req, res, err) => renderMatrix(res, typedValues(req.body), err.status, err));

  // ---- audit log
  route(r, "get", "/admin/audit", "admin", async (req, res) => {
    const { cursor } = parse(cursorSchema, req.query);
    const page = await listAudit(deps, req.actor!, cursor);
    show(res, "audit", {
      title: res.locals.t("admin.audit.title"), rows: presentAudit(page.rows, res.locals.t), ...pageLinks("/admin/audit", {}, cursor, page.nextCursor),
    });
  });
  return r;
}
