import { lazy } from 'react';

/**
 * Every page, loaded when first opened (one chunk a page). The staff pages each guarded by the menu's roles are listed
 * by their path in `guardedPages`; App.tsx places the rest (public pages, areas that guard their own tabs).
 */
export const LoginPage = lazy(() => import('./auth/LoginPage.js'));
export const IntakePage = lazy(() => import('./intake/IntakePage.js'));
export const OrderListPage = lazy(() => import('./orders/OrderListPage.js'));
export const OrderDetailPage = lazy(() => import('./orders/OrderDetailPage.js'));
export const UnitsPage = lazy(() => import('./admin/UnitsPage.js'));
export const UsersPage = lazy(() => import('./admin/UsersPage.js'));
export const CatalogPage = lazy(() => import('./admin/CatalogPage.js'));
export const TimeLimitsPage = lazy(() => import('./admin/TimeLimitsPage.js'));
export const CalendarPage = lazy(() => import('./admin/CalendarPage.js'));
export const AuditPage = lazy(() => import('./admin/AuditPage.js'));
export const ExchangePage = lazy(() => import('./admin/ExchangePage.js'));
export const QualityPage = lazy(() => import('./quality/QualityPage.js'));
export const LettersPage = lazy(() => import('./legal/LettersPage.js'));
export const RiskEmployersPage = lazy(() => import('./legal/RiskEmployersPage.js'));
export const MediationCasesPage = lazy(() => import('./legal/MediationCasesPage.js'));
export const CockpitPage = lazy(() => import('./analytics/cockpit/CockpitPage.js'));
export const ReportsPage = lazy(() => import('./analytics/ReportsPage.js'));
// The wall's route: a signed-in person, or a display token with nobody signed in (it checks for itself).
export const BigScreenPage = lazy(() => import('./analytics/bigscreen/BigScreenRoute.js'));
export const KnowledgePage = lazy(() => import('./knowledge/KnowledgePage.js'));
export const NotificationsPage = lazy(() => import('./notifications/NotificationsPage.js'));
export const WallboardPage = lazy(() => import('./calls/WallboardPage.js'));
export const CallRecordsPage = lazy(() => import('./calls/CallRecordsPage.js'));
export const LawyerSeatsPage = lazy(() => import('./legal/LawyerSeatsPage.js'));
export const IvrPage = lazy(() => import('./admin/IvrPage.js'));
export const SupervisionBoardPage = lazy(() => import('./supervision/SupervisionBoardPage.js'));
export const SupervisionLayout = lazy(() => import('./supervision/SupervisionLayout.js'));
export const ReviewsPage = lazy(() => import('./supervision/ReviewsPage.js'));
export const AnalysisPage = lazy(() => import('./supervision/AnalysisPage.js'));
export const CircularsPage = lazy(() => import('./supervision/CircularsPage.js'));
export const PhoneTasksPage = lazy(() => import('./supervision/PhoneTasksPage.js'));
export const OutboundPage = lazy(() => import('./supervision/OutboundPage.js'));
export const EmergencyMembersPage = lazy(() => import('./supervision/EmergencyMembersPage.js'));
export const SelfServicePage = lazy(() => import('./selfservice/SelfServicePage.js'));
export const InsightsLayout = lazy(() => import('./insights/InsightsLayout.js'));
export const SurgesPage = lazy(() => import('./insights/SurgesPage.js'));
export const ForecastPage = lazy(() => import('./insights/ForecastPage.js'));
export const AcceptancePage = lazy(() => import('./insights/AcceptancePage.js'));
export const UnionServicesPage = lazy(() => import('./selfservice/UnionServicesPage.js'));

/** Pages the current role opens only where the menu offers them (Guard in App.tsx), by their path under the shell. */
export const guardedPages = [
  { path: 'calls/wallboard', Page: WallboardPage },
  { path: 'union-services', Page: UnionServicesPage },
  { path: 'calls', Page: CallRecordsPage },
  { path: 'legal/lawyers', Page: LawyerSeatsPage },
  { path: 'admin/ivr', Page: IvrPage },
  { path: 'intake', Page: IntakePage },
  { path: 'orders', Page: OrderListPage },
  { path: 'knowledge', Page: KnowledgePage },
  { path: 'admin/units', Page: UnitsPage },
  { path: 'admin/users', Page: UsersPage },
  { path: 'admin/catalog', Page: CatalogPage },
  { path: 'admin/time-limits', Page: TimeLimitsPage },
  { path: 'admin/calendar', Page: CalendarPage },
  { path: 'admin/exchange', Page: ExchangePage },
  { path: 'admin/audit', Page: AuditPage },
  { path: 'quality', Page: QualityPage },
  { path: 'legal/letters', Page: LettersPage },
  { path: 'legal/mediation', Page: MediationCasesPage },
  { path: 'legal/risk-employers', Page: RiskEmployersPage },
  { path: 'cockpit', Page: CockpitPage },
  { path: 'reports', Page: ReportsPage },
];
