import { ApiErrorScreen } from '../components/api-error-screen';
import { LoadingScreen } from '../components/loading-screen';
import { RoleSwitcher } from '../features/demo/components/role-switcher';
import { useMe } from '../features/me/api/get-me';
import { MeDetails } from '../features/me/components/me-details';
import { MeProfile } from '../features/me/components/me-profile';

export function App() {
  const me = useMe();

  if (me.isPending) return <LoadingScreen />;
  if (me.isError) return <ApiErrorScreen error={me.error} onRetry={() => void me.refetch()} />;

  return (
    <main className="page">
      <MeProfile me={me.data} />
      <MeDetails me={me.data} />
      {me.data.demo && <RoleSwitcher current={me.data.role} />}
    </main>
  );
}
