import { http, ok } from './client.js';

export const authApi = {
  session: () => ok(http.GET('/api/auth/session')),
  /** Always 200: `session` is null when nobody is signed in (the first load logs no 401). */
  state: () => ok(http.GET('/api/auth/state')),
  login: (username: string, password: string) => ok(http.POST('/api/auth/login', { body: { username, password } })),
  logout: () => ok(http.POST('/api/auth/logout')),
  switchRole: (assignmentId: string) => ok(http.POST('/api/auth/session/role', { body: { assignmentId } })),
  /** 设为首页: this page is where the person starts in the current role; null goes back to the role's own. */
  setStartPage: (startPage: string | null) => ok(http.PUT('/api/auth/session/start-page', { body: { startPage } })),
  changePassword: (currentPassword: string, newPassword: string) => ok(http.POST('/api/auth/password', { body: { currentPassword, newPassword } })),
};
