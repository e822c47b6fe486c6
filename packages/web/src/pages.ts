import { lazyPage } from './shared/lazy-page.js';

/**
 * Every page, loaded when first opened (one chunk a page). The staff pages each guarded by the menu's roles are listed
 * by their path in `guardedPages`; App.tsx places the rest (public pages, areas that guard their own tabs).
 */
export const LoginPage = lazyPage(() => import('./auth/LoginPage.js'));
export const IntakePage = lazyPage(() => import('./intake/IntakePage.js'));
export const OrderListPage = lazyPage(() => import('./orders/OrderListPage.js'));
export const OrderDetailPage = lazyPage(() => import('./orders/OrderDetailPage.js'));
export const UnitsPage = lazyPage(() => import('./admin/UnitsPage.js'));
export const UsersPage = lazyPage(() => import('./admin/UsersPage.js'));
export const CatalogPage = lazyPage(() => import('./admin/CatalogPage.js'));
export const TimeLimitsPage = lazyPage(() => import('./admin/TimeLimitsPage.js'));
export const CalendarPage = lazyPage(() => import('./admin/CalendarPage.js'));
export const AuditPage = lazyPage(() => import('./admin/AuditPage.js'));
export const ExchangePage = lazyPage(() => import('./admin/ExchangePage.js'));
export const JobsPage = lazyPage(() => import('./admin/JobsPage.js'));
export const QualityPage = lazyPage(() => import('./quality/QualityPage.js'));
export const LettersPage = lazyPage(() => import('./legal/LettersPage.js'));
export const RiskEmployersPage = lazyPage(() => import('./legal/RiskEmployersPage.js'));
export const MediationCasesPage = lazyPage(() => import('./legal/MediationCasesPage.js'));
export const CockpitPage = lazyPage(() => import('./analytics/cockpit/CockpitPage.js'));
export const ReportsPage = lazyPage(() => import('./analytics/ReportsPage.js'));
// The wall's route: a signed-in person, or a display token with nobody signed in (it checks for itself).
export const BigScreenPage = lazyPage(() => import('./analytics/bigscreen/BigScreenRoute.js'));
export const KnowledgePage = lazyPage(() => import('./knowledge/KnowledgePage.js'));
export const NotificationsPage = lazyPage(() => import('./notifications/NotificationsPage.js'));
export const WallboardPage = lazyPage(() => import('./calls/WallboardPage.js'));
export const CallRecordsPage = lazyPage(() => import('./calls/CallRecordsPage.js'));
export const LawyerSeatsPage = lazyPage(() => import('./legal/LawyerSeatsPage.js'));
export const IvrPage = lazyPage(() => import('./admin/IvrPage.js'));
export const SupervisionBoardPage = lazyPage(() => import('./supervision/SupervisionBoardPage.js'));
export const SupervisionLayout = lazyPage(() => import('./supervision/SupervisionLayout.js'));
export const ReviewsPage = lazyPage(() => import('./supervision/ReviewsPage.js'));
export const AnalysisPage = lazyPage(() => import('./supervision/AnalysisPage.js'));
export const CircularsPage = lazyPage(() => import('./supervision/CircularsPage.js'));
export const PhoneTasksPage = lazyPage(() => import('./supervision/PhoneTasksPage.js'));
export const OutboundPage = lazyPage(() => import('./supervision/OutboundPage.js'));
export const EmergencyMembersPage = lazyPage(() => import('./supervision/EmergencyMembersPage.js'));
export const SelfServicePage = lazyPage(() => import('./selfservice/SelfServicePage.js'));
export const InsightsLayout = lazyPage(() => import('./insights/InsightsLayout.js'));
export const SurgesPage = lazyPage(() => import('./insights/SurgesPage.js'));
export const ForecastPage = lazyPage(() => import('./insights/ForecastPage.js'));
export const AcceptancePage = lazyPage(() => import('./insights/AcceptancePage.js'));
export const UnionServicesPage = lazyPage(() => import('./selfservice/UnionServicesPage.js'));

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
  { path: 'admin/jobs', Page: JobsPage },
  { path: 'admin/audit', Page: AuditPage },
  { path: 'quality', Page: QualityPage },
  { path: 'legal/letters', Page: LettersPage },
  { path: 'legal/mediation', Page: MediationCasesPage },
  { path: 'legal/risk-employers', Page: RiskEmployersPage },
  { path: 'cockpit', Page: CockpitPage },
  { path: 'reports', Page: ReportsPage },
];
