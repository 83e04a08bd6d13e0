import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { COMMON_COUNTRIES } from "@/lib/intake/rules";
import { getIntakeCountry, listOrderSources, ORDER_SOURCE_LIMIT } from "@/lib/intake/sources";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AddSourceDialog } from "@/components/intake/add-source-dialog";
import { CountryForm, OrderSourcesList } from "@/components/intake/order-sources-list";
import { createOrderSourceAction } from "./_actions/create-order-source";
import { deleteOrderSourceAction } from "./_actions/delete-order-source";
import { rotateOrderSourceSecretAction } from "./_actions/rotate-order-source-secret";
import { updateIntakeCountryAction } from "./_actions/update-intake-country";
import { updateOrderSourceAction } from "./_actions/update-order-source";

export const metadata: Metadata = { title: "Order sources" };

export default async function OrderSourcesPage() {
  const scope = await requirePageScope();
  const admin = canAdminister(scope);
  const [sources, country] = await Promise.all([listOrderSources(scope.partnerId), getIntakeCountry(scope.partnerId)]);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Sales channels that send orders to Waypoint: each order becomes the same order and events as one posted to the API."
        actions={
          <Button asChild variant="outline">
            <Link href="/intake">
              <ScrollText aria-hidden /> Intake Log
            </Link>
          </Button>
        }
      />
      <SettingsNav current="/settings/order-sources" />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Order sources</CardTitle>
            <CardDescription>
              Shopify, WooCommerce, or any system that signs its webhooks with Standard Webhooks. {sources.length} of {ORDER_SOURCE_LIMIT} used.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <div className="flex flex-wrap items-end justify-between gap-4">
              <CountryForm country={country} countries={COMMON_COUNTRIES} save={admin ? updateIntakeCountryAction : null} />
              {admin ? <AddSourceDialog create={createOrderSourceAction} /> : <p className="text-sm text-muted-foreground">Only a partner admin can add or change order sources.</p>}
            </div>
          </CardContent>
        </Card>
        <OrderSourcesList
          sources={sources}
          country={country}
          manage={admin ? { update: updateOrderSourceAction, rotate: rotateOrderSourceSecretAction, remove: deleteOrderSourceAction } : null}
        />
      </div>
    </>
  );
}
