import passport from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import type { Deps } from "../deps";
import type { Actor } from "../../access/actor";
import { User } from "../../modules/users/user.entity";
import { cachedActor, loadActor } from "../../modules/users/queries/load-actor";
import { dummyHash, verifyPassword } from "./password";
import { useLdapStrategy } from "./ldap";
import { directoryConfig } from "../../modules/directory/settings";

/**
 * Local accounts. The same "wrong username or password" for an unknown user, a wrong
 * password and a deactivated account (no enumeration); an unknown user still costs a
 * hash verification so timing does not tell either.
 */
export function configurePassport(deps: Deps): passport.PassportStatic {
  const p = new passport.Passport() as unknown as passport.PassportStatic;
  p.use("local", new LocalStrategy({ usernameField: "username", passwordField: "password" }, (username, password, done) => {
    (async () => {
      const user = await deps.db.getRepository(User).findOne({ where: { provider: "local", username: username.trim().toLowerCase() } });
      if (!user || !user.passwordHash) {
        await verifyPassword(await dummyHash(), password);
        return done(null, false);
      }
      const ok = await verifyPassword(user.passwordHash, password);
      if (!ok || !user.active) return done(null, false);
      const actor = await loadActor(deps.db.manager, user.id);
      return done(null, actor ?? false);
    })().catch(done);
  }));
  // directory accounts: the settings are read per sign-in, so an admin's change applies at once
  useLdapStrategy(p, async () => (await directoryConfig(deps.db, deps.config.ldap)).settings);
  p.serializeUser((actor: Express.User, done) => done(null, actor.id));
  p.deserializeUser((id: number, done: (err: unknown, user?: Actor | false) => void) => {
    // a deactivated or deleted user gets no actor: the session no longer signs anyone in
    cachedActor(deps.db, id).then((a) => done(null, a ?? false), done);
  });
  return p;
}
