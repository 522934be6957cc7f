import { Route, Switch } from 'wouter';
import { ApiErrorScreen } from '../components/api-error-screen';
import { LoadingScreen } from '../components/loading-screen';
import { AudiencesPage } from '../features/audiences/components/audiences-page';
import { CampaignPage } from '../features/campaigns/components/campaign-page';
import { CampaignsPage } from '../features/campaigns/components/campaigns-page';
import { NewCampaignPage } from '../features/campaigns/components/new-campaign-page';
import { ClientPage } from '../features/client/components/client-page';
import { CustomerPage } from '../features/customer/components/customer-page';
import { BehindPage } from '../features/customers/components/behind-page';
import { CustomersPage } from '../features/customers/components/customers-page';
import { BlockPage } from '../features/dashboard/components/block-page';
import { DashboardPage } from '../features/dashboard/components/dashboard-page';
import { RoleSwitcher } from '../features/demo/components/role-switcher';
import { AccountBar } from '../features/me/components/account-bar';
import { MeDetails } from '../features/me/components/me-details';
import { MeProfile } from '../features/me/components/me-profile';
import { type Me, useMe } from '../lib/me';
import { isListKind } from '../lib/paths';

/**
 * Staff get the dashboard, customer search and cards, saved audiences, and campaigns (only admins start one: a manager's
 * `/campaigns/new` is the list); every other path is the dashboard.
 */
function StaffRoutes({ admin }: { admin: boolean }) {
  return (
    <Switch>
      <Route path="/customers">
        <CustomersPage />
      </Route>
      <Route path="/customers/:id">{(p) => <CustomerPage id={Number(p.id)} />}</Route>
      <Route path="/behind/:kind">
        {(p) => (isListKind(p.kind) ? <BehindPage kind={p.kind} /> : <DashboardPage />)}
      </Route>
      <Route path="/audiences">
        <AudiencesPage />
      </Route>
      <Route path="/campaigns">
        <CampaignsPage admin={admin} />
      </Route>
      <Route path="/campaigns/new">
        {admin ? <NewCampaignPage /> : <CampaignsPage admin={false} />}
      </Route>
      <Route path="/campaigns/:id">{(p) => <CampaignPage id={Number(p.id)} />}</Route>
      <Route path="/block/:name">{(p) => <BlockPage name={p.name} />}</Route>
      <Route>
        <DashboardPage />
      </Route>
    </Switch>
  );
}

/** What a role sees. A client has no staff routes at all: any path shows their own view. */
function Screens({ me }: { me: Me }) {
  if (me.role === 'admin' || me.role === 'manager') {
    return <StaffRoutes admin={me.role === 'admin'} />;
  }
  if (me.role === 'client' && me.customer) return <ClientPage customerId={me.customer.id} />;
  return (
    <main className="page">
      <MeProfile me={me} />
      <MeDetails me={me} />
    </main>
  );
}

export function App() {
  const me = useMe();

  if (me.isPending) return <LoadingScreen />;
  if (me.isError) return <ApiErrorScreen error={me.error} onRetry={() => void me.refetch()} />;

  // A block route is a screenshot: no account bar or demo switcher around it.
  if (window.location.pathname.startsWith('/block/')) return <Screens me={me.data} />;
  return (
    <>
      {me.data.role !== 'unknown' && <AccountBar me={me.data} />}
      <Screens me={me.data} />
      {me.data.demo && <RoleSwitcher current={me.data.role} />}
    </>
  );
}
