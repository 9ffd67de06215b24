// Who is signed in, and the projects every view names events by.

import { api } from './api.js';

export const session = { username: null, roles: [], admin: false };

let known = null;

let projects = null;

/** Asks who is signed in; views that show admin controls wait for it with {@link signedIn}. */
export function whoAmI() {
  known = api('api/session').then(me => Object.assign(session, { username: me.username, roles: me.roles, admin: me.roles.includes('ops-admin') }));
  return known;
}

export function signedIn() {
  return known ?? whoAmI();
}

export function forget() {
  known = null;
  Object.assign(session, { username: null, roles: [], admin: false });
  projects = null;
}

/** The projects, fetched once per page (again after a change by the projects view). */
export function listProjects({ fresh = false } = {}) {
  if (!projects || fresh) {
    projects = api('api/projects').then(body => body.items).catch(error => { projects = null; throw error; });
  }
  return projects;
}

export async function slugOf(projectId) {
  const found = (await listProjects()).find(p => p.id === projectId);
  return found ? found.slug : `#${projectId}`;
}
