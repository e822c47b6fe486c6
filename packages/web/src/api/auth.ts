import { api } from './client.js';
import type { Session } from './types.js';

export const authApi = {
  session: () => api.get<Session>('/auth/session'),
  login: (username: string, password: string) => api.post<Session>('/auth/login', { username, password }),
  logout: () => api.post<void>('/auth/logout'),
  switchRole: (assignmentId: string) => api.post<Session>('/auth/session/role', { assignmentId }),
  changePassword: (currentPassword: string, newPassword: string) => api.post<void>('/auth/password', { currentPassword, newPassword }),
};
