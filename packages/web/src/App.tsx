import { App as AntApp, ConfigProvider, Result, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { homeFor, loginPathFor, SessionProvider, useCurrent, useSession } from './auth/session.js';
import { I18nProvider, useI18n, useT } from './i18n/i18n.js';
import { AppShell, canSee, navItems } from './shell/AppShell.js';
import { ErrorState, Loading } from './shell/states.js';

// Each page is its own chunk: an agent's browser loads the intake console, not the calendar editor.
const LoginPage = lazy(() => import('./auth/LoginPage.js'));
const IntakePage = lazy(() => import('./intake/IntakePage.js'));
const OrderListPage = lazy(() => import('./orders/OrderListPage.js'));
const OrderDetailPage = lazy(() => import('./orders/OrderDetailPage.js'));
const UnitsPage = lazy(() => import('./admin/UnitsPage.js'));
const UsersPage = lazy(() => import('./admin/UsersPage.js'));
const CatalogPage = lazy(() => import('./admin/CatalogPage.js'));
const TimeLimitsPage = lazy(() => import('./admin/TimeLimitsPage.js'));
const CalendarPage = lazy(() => import('./admin/CalendarPage.js'));
const AuditPage = lazy(() => import('./admin/AuditPage.js'));
const ExchangePage = lazy(() => import('./admin/ExchangePage.js'));
const QualityPage = lazy(() => import('./quality/QualityPage.js'));
const LettersPage = lazy(() => import('./legal/LettersPage.js'));
const RiskEmployersPage = lazy(() => import('./legal/RiskEmployersPage.js'));
const MediationCasesPage = lazy(() => import('./legal/MediationCasesPage.js'));
const CockpitPage = lazy(() => import('./analytics/CockpitPage.js'));
const ReportsPage = lazy(() => import('./analytics/ReportsPage.js'));
const BigScreenPage = lazy(() => import('./analytics/BigScreenPage.js'));
const KnowledgePage = lazy(() => import('./knowledge/KnowledgePage.js'));
const NotificationsPage = lazy(() => import('./notifications/NotificationsPage.js'));
const WallboardPage = lazy(() => import('./calls/WallboardPage.js'));
const CallRecordsPage = lazy(() => import('./calls/CallRecordsPage.js'));
const LawyerSeatsPage = lazy(() => import('./legal/LawyerSeatsPage.js'));
const IvrPage = lazy(() => import('./admin/IvrPage.js'));
const SupervisionBoardPage = lazy(() => import('./supervision/SupervisionBoardPage.js'));
const SupervisionLayout = lazy(() => import('./supervision/SupervisionLayout.js'));
const ReviewsPage = lazy(() => import('./supervision/ReviewsPage.js'));
const AnalysisPage = lazy(() => import('./supervision/AnalysisPage.js'));
const CircularsPage = lazy(() => import('./supervision/CircularsPage.js'));
const PhoneTasksPage = lazy(() => import('./supervision/PhoneTasksPage.js'));
const OutboundPage = lazy(() => import('./supervision/OutboundPage.js'));
const EmergencyMembersPage = lazy(() => import('./supervision/EmergencyMembersPage.js'));
const SelfServicePage = lazy(() => import('./selfservice/SelfServicePage.js'));
const InsightsLayout = lazy(() => import('./insights/InsightsLayout.js'));
const SurgesPage = lazy(() => import('./insights/SurgesPage.js'));
const ForecastPage = lazy(() => import('./insights/ForecastPage.js'));
const AcceptancePage = lazy(() => import('./insights/AcceptancePage.js'));
const UnionServicesPage = lazy(() => import('./selfservice/UnionServicesPage.js'));

function RequireSession({ children }: { children: ReactNode }) {
  const { session, status, error, reload } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'error') return <ErrorState error={error} onRetry={reload} />;
  if (!session) return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
  return <>{children}</>;
}

function Home() {
  const { role, user, current } = useCurrent();
  return <Navigate to={homeFor(role, user.id, current.startPage)} replace />;
}

/** A page the current role does not work with says so, instead of failing request by request. */
function Guard({ path, children }: { path: string; children: ReactNode }) {
  const t = useT();
  const { role } = useCurrent();
  const item = navItems.find((i) => i.path === path);
  if (item && !canSee(item, role)) return <Result status="403" title={t('当前角色无权使用此页面')} subTitle={t('可在右上角切换角色')} />;
  return <>{children}</>;
}

function NotFound() {
  const t = useT();
  return <Result status="404" title={t('页面不存在')} />;
}

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1d5fbf', borderRadius: 4, fontSize: 14 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

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
      <Route
        path="/big-screen"
        element={
          <RequireSession>
            <Suspense fallback={<Loading />}>
              <BigScreenPage />
            </Suspense>
          </RequireSession>
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
        <Route
          path="calls/wallboard"
          element={
            <Guard path="/calls/wallboard">
              <WallboardPage />
            </Guard>
          }
        />
        <Route
          path="union-services"
          element={
            <Guard path="/union-services">
              <UnionServicesPage />
            </Guard>
          }
        />
        <Route
          path="calls"
          element={
            <Guard path="/calls">
              <CallRecordsPage />
            </Guard>
          }
        />
        <Route
          path="legal/lawyers"
          element={
            <Guard path="/legal/lawyers">
              <LawyerSeatsPage />
            </Guard>
          }
        />
        <Route
          path="admin/ivr"
          element={
            <Guard path="/admin/ivr">
              <IvrPage />
            </Guard>
          }
        />
        <Route
          path="intake"
          element={
            <Guard path="/intake">
              <IntakePage />
            </Guard>
          }
        />
        <Route
          path="orders"
          element={
            <Guard path="/orders">
              <OrderListPage />
            </Guard>
          }
        />
        <Route path="orders/:id" element={<OrderDetailPage />} />
        <Route
          path="knowledge"
          element={
            <Guard path="/knowledge">
              <KnowledgePage />
            </Guard>
          }
        />
        <Route
          path="admin/units"
          element={
            <Guard path="/admin/units">
              <UnitsPage />
            </Guard>
          }
        />
        <Route
          path="admin/users"
          element={
            <Guard path="/admin/users">
              <UsersPage />
            </Guard>
          }
        />
        <Route
          path="admin/catalog"
          element={
            <Guard path="/admin/catalog">
              <CatalogPage />
            </Guard>
          }
        />
        <Route
          path="admin/time-limits"
          element={
            <Guard path="/admin/time-limits">
              <TimeLimitsPage />
            </Guard>
          }
        />
        <Route
          path="admin/calendar"
          element={
            <Guard path="/admin/calendar">
              <CalendarPage />
            </Guard>
          }
        />
        <Route
          path="admin/exchange"
          element={
            <Guard path="/admin/exchange">
              <ExchangePage />
            </Guard>
          }
        />
        <Route
          path="admin/audit"
          element={
            <Guard path="/admin/audit">
              <AuditPage />
            </Guard>
          }
        />
        <Route
          path="quality"
          element={
            <Guard path="/quality">
              <QualityPage />
            </Guard>
          }
        />
        <Route
          path="legal/letters"
          element={
            <Guard path="/legal/letters">
              <LettersPage />
            </Guard>
          }
        />
        <Route
          path="legal/mediation"
          element={
            <Guard path="/legal/mediation">
              <MediationCasesPage />
            </Guard>
          }
        />
        <Route
          path="legal/risk-employers"
          element={
            <Guard path="/legal/risk-employers">
              <RiskEmployersPage />
            </Guard>
          }
        />
        <Route
          path="cockpit"
          element={
            <Guard path="/cockpit">
              <CockpitPage />
            </Guard>
          }
        />
        <Route
          path="reports"
          element={
            <Guard path="/reports">
              <ReportsPage />
            </Guard>
          }
        />
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
