import type { RequestHandler } from "express";
import { canProblem } from "../../access/policies/problem.policy";
import { notFound } from "../../platform/http/errors";

/**
 * Problems are the desk's business: anyone else who is signed in (a requester, an admin)
 * gets the 404 of a page that does not exist, before any input is read. Used after the
 * "user" gate on every problem page and API route.
 */
export const problemReaders: RequestHandler = (req, _res, next) => next(canProblem(req.actor!, "read") ? undefined : notFound("problem_not_found"));
