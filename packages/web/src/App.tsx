import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { SessionProvider } from './auth/session.js';
import { I18nProvider } from './i18n/i18n.js';
import {
  AcceptancePage,
  AnalysisPage,
  BigScreenPage,
  CircularsPage,
  EmergencyMembersPage,
  ForecastPage,
  InsightsLayout,
  LoginPage,
  NotificationsPage,
  OrderDetailPage,
  OutboundPage,
  PhoneTasksPage,
  ReviewsPage,
  SelfServicePage,
  SupervisionBoardPage,
  SupervisionLayout,
  SurgesPage,
  guardedPages,
} from './pages.js';
import { AppShell } from './shell/AppShell.js';
import { Guard, Home, NotFound, RequireSession } from './shell/route-guards.js';
import { Loading } from './shell/states.js';
import { Themed } from './shell/Themed.js';

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<Loading />}>
            <LoginPage />
          </Suspense>
        }
      />
      {/* The worker's own page: public, outside the staff workplace (no session asked for). */}
      <Route
        path="/self-service"
        element={
          <Suspense fallback={<Loading />}>
            <SelfServicePage />
          </Suspense>
        }
      />
      {/* The command centre's wall: a person's session, or a display token's cookie with nobody signed in. */}
      <Route
        path="/big-screen"
        element={
          <Suspense fallback={<Loading />}>
            <BigScreenPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        {guardedPages.map(({ path, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <Guard path={`/${path}`}>
                <Page />
              </Guard>
            }
          />
        ))}
        <Route path="orders/:id" element={<OrderDetailPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        {/* The supervision area guards each tab itself (SupervisionLayout): its pages are for different roles. */}
        <Route path="supervision" element={<SupervisionLayout />}>
          <Route index element={<SupervisionBoardPage />} />
          <Route path="reviews" element={<ReviewsPage />} />
          <Route path="analysis" element={<AnalysisPage />} />
          <Route path="circulars" element={<CircularsPage />} />
          <Route path="phone-tasks" element={<PhoneTasksPage />} />
          <Route path="outbound" element={<OutboundPage />} />
          <Route path="emergency-members" element={<EmergencyMembersPage />} />
        </Route>
        {/* The insight pages guard each tab themselves (InsightsLayout): 建议采纳 is not the dispatchers'. */}
        <Route path="insights" element={<InsightsLayout />}>
          <Route index element={null} />
          <Route path="surges" element={<SurgesPage />} />
          <Route path="forecast" element={<ForecastPage />} />
          <Route path="acceptance" element={<AcceptancePage />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Themed>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </Themed>
    </I18nProvider>
  );
}
