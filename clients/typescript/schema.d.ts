// Generated from openapi.json by `npm run openapi` (openapi-typescript): do not edit.
// Use it with openapi-fetch: createClient<paths>({ baseUrl }) (see client.ts beside it).
export interface paths {
    "/v1/audit-events/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit trail
         * @description Checks every chain against the seal key and the heads anchored on chain, and reports the first problem of each broken chain.
         *
         *     Roles: ADMIN, COMPLIANCE.
         */
        get: operations["verifyAuditTrail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events
         * @description Roles: ADMIN, COMPLIANCE.
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe the calling API key
         * @description Its organisation, role and person.
         *
         *     Roles: ADMIN, COMPLIANCE, ISSUER, DISTRIBUTOR.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an organisation
         * @description Roles: ADMIN.
         */
        post: operations["createOrganization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a user of an organisation
         * @description Roles: ADMIN.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the API keys of an organisation
         * @description Never their secrets.
         *
         *     Roles: ADMIN.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description The key itself is in this answer only; an idempotent replay answers 409 IDEMPOTENT_REPLAY_UNAVAILABLE rather than show it again.
         *
         *     Roles: ADMIN.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description It answers 401 in every API process within a second.
         *
         *     Roles: ADMIN.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/holders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The holder register of a fund, now or at a past time, as JSON or CSV
         * @description From the chain index: units as decimal strings, largest holding first; each address with its investor and distributor.
         *
         *     Roles: ISSUER.
         */
        get: operations["listFundHolders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List funds
         * @description An issuer's own funds; a distributor's shelf.
         *
         *     Roles: ISSUER, DISTRIBUTOR.
         */
        get: operations["listFunds"];
        put?: never;
        /**
         * Create a fund
         * @description The fund is recorded; the worker deploys its token and the fund turns ACTIVE.
         *
         *     Roles: ISSUER.
         */
        post: operations["createFund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a fund
         * @description Roles: ISSUER, DISTRIBUTOR.
         */
        get: operations["getFund"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the rules of a fund
         * @description The token's rules follow through a job (`rulesSync`).
         *
         *     Roles: ISSUER.
         */
        patch: operations["updateFund"];
        trace?: never;
    };
    "/v1/funds/{id}/distributors/{distributorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Put a fund on the shelf of a distributor
         * @description Roles: ISSUER.
         */
        put: operations["shelveFund"];
        post?: never;
        /**
         * Take a fund off the shelf of a distributor
         * @description Roles: ISSUER.
         */
        delete: operations["unshelveFund"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/distribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the distribution report of a fund
         * @description Roles: ISSUER.
         */
        get: operations["getFundDistribution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/nav": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a NAV
         * @description 201 when published; 202 PENDING_APPROVAL when the move is beyond the tolerance of the fund (another person approves it).
         *
         *     Roles: ISSUER.
         */
        post: operations["publishNav"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/navs/{asOf}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a NAV waiting for approval
         * @description Roles: ISSUER.
         */
        post: operations["approveNav"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/navs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the NAV history of a fund
         * @description Roles: ISSUER, DISTRIBUTOR.
         */
        get: operations["listFundNavs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/dealing/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the dealing summary of a fund for a day
         * @description Roles: ISSUER.
         */
        get: operations["getDealingSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a fund
         * @description Roles: ISSUER.
         */
        post: operations["pauseFund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused fund
         * @description Roles: ISSUER.
         */
        post: operations["resumeFund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a fund
         * @description Roles: ISSUER.
         */
        post: operations["closeFund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/investors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an investor
         * @description Roles: DISTRIBUTOR.
         */
        post: operations["createInvestor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/investors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an investor
         * @description Roles: DISTRIBUTOR.
         */
        get: operations["getInvestor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update an investor
         * @description Roles: DISTRIBUTOR.
         */
        patch: operations["updateInvestor"];
        trace?: never;
    };
    "/v1/investors/{id}/wallet-challenges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a wallet challenge
         * @description An EIP-4361 (Sign-In with Ethereum) message for the investor to sign with the wallet.
         *
         *     Roles: DISTRIBUTOR.
         */
        post: operations["createWalletChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/investors/{id}/wallets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bind a wallet with its signed challenge
         * @description The wallet is screened, then registered on chain (VERIFIED).
         *
         *     Roles: DISTRIBUTOR.
         */
        post: operations["bindWallet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a wallet
         * @description Roles: DISTRIBUTOR, COMPLIANCE.
         */
        get: operations["getWallet"];
        put?: never;
        post?: never;
        /**
         * Revoke a wallet
         * @description Its removal from the on-chain registry follows.
         *
         *     Roles: DISTRIBUTOR.
         */
        delete: operations["revokeWallet"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}/freeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Freeze a wallet
         * @description On chain in every ACTIVE fund, whole or `units` of it; the chain follows.
         *
         *     Roles: COMPLIANCE.
         */
        post: operations["freezeWallet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}/unfreeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unfreeze a wallet
         * @description Roles: COMPLIANCE.
         */
        post: operations["unfreezeWallet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders
         * @description Roles: DISTRIBUTOR, ISSUER.
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Place an order
         * @description A subscription (cash `amount`) or a redemption (`units`). Requires `Idempotency-Key`: the order and its idempotency record commit together, so a retry never places it twice.
         *
         *     Roles: DISTRIBUTOR.
         */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/payment-confirmations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm one payment for several orders
         * @description One wire for several subscriptions: all confirmed, or none (the reference is used once per issuer).
         *
         *     Roles: ISSUER.
         */
        post: operations["confirmPayments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an order
         * @description Roles: DISTRIBUTOR, ISSUER.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order
         * @description Until the cut-off of its dealing date.
         *
         *     Roles: DISTRIBUTOR.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/payment-confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the payment of a subscription
         * @description The units are minted at NAV by the worker.
         *
         *     Roles: ISSUER.
         */
        post: operations["confirmPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/payment-authorization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Authorise a stablecoin subscription's payment: the wallet's EIP-2612 permit signature, or APPROVAL
         * @description Roles: DISTRIBUTOR.
         */
        post: operations["authorizeOrderPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/refund-confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the refund of a subscription
         * @description Roles: ISSUER.
         */
        post: operations["confirmRefund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/payout-confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the payout of a redemption
         * @description Roles: ISSUER.
         */
        post: operations["confirmPayout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/funds/{fundId}/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the KYT rules of a fund
         * @description The platform defaults until set.
         *
         *     Roles: COMPLIANCE.
         */
        get: operations["getKytFundRules"];
        /**
         * Set the KYT rules of a fund
         * @description Roles: COMPLIANCE.
         */
        put: operations["putKytFundRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List KYT alerts
         * @description Roles: COMPLIANCE, ADMIN.
         */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a KYT alert
         * @description Roles: COMPLIANCE, ADMIN.
         */
        get: operations["getAlert"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts/{id}/context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the subject of an alert with its context
         * @description A wallet's investor, distributor, holdings and counterparties; an order and its fund; a transfer's parties.
         *
         *     Roles: COMPLIANCE, ADMIN.
         */
        get: operations["getAlertContext"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign an alert
         * @description Roles: COMPLIANCE.
         */
        post: operations["assignAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Comment on an alert
         * @description Roles: COMPLIANCE.
         */
        post: operations["commentAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts/{id}/escalate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Escalate an alert
         * @description Roles: COMPLIANCE.
         */
        post: operations["escalateAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide an alert
         * @description Some decisions wait for a second officer (four eyes).
         *
         *     Roles: COMPLIANCE.
         */
        post: operations["decideAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve the decision of an alert
         * @description Roles: COMPLIANCE.
         */
        post: operations["approveAlertDecision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/alerts/{id}/send-back": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a decision back to review
         * @description Roles: COMPLIANCE.
         */
        post: operations["sendBackAlertDecision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/blocklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the blocklist
         * @description Roles: COMPLIANCE, ADMIN.
         */
        get: operations["listBlocklist"];
        put?: never;
        /**
         * Add an address to the blocklist
         * @description Roles: COMPLIANCE.
         */
        post: operations["addToBlocklist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/blocklist/imports/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview an OFAC SDN import
         * @description What importing this file (the body: SDN.XML or sdn.csv) would do; changes nothing.
         *
         *     Roles: COMPLIANCE.
         */
        post: operations["previewBlocklistImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/blocklist/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import an OFAC SDN file
         * @description Imports the EVM addresses of the file (the body), as `npm run kyt:import-blocklist` does.
         *
         *     Roles: COMPLIANCE.
         */
        post: operations["importBlocklist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kyt/blocklist/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove an address from the blocklist
         * @description Roles: COMPLIANCE.
         */
        delete: operations["removeFromBlocklist"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description The process answers; no dependency is asked.
         *
         *     Public: no API key needed.
         */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe
         * @description The database, the queue store and the chain each answer within 2 s; 503 otherwise. Reasons are shown to ADMIN keys only.
         *
         *     Public: no API key needed.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health (readiness under its first names)
         * @description Readiness with the dependencies named database, redis and chain; 503 otherwise.
         *
         *     Public: no API key needed.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a business-day calendar
         * @description Roles: ADMIN, COMPLIANCE, ISSUER, DISTRIBUTOR.
         */
        get: operations["getCalendar"];
        /**
         * Create or replace a business-day calendar
         * @description Roles: ADMIN.
         */
        put: operations["putCalendar"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's events, oldest first, after a cursor
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE, ADMIN.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's organisation's webhooks
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe an endpoint to event types (the signing secret is shown once)
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One webhook
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook and its delivery log
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook's url, event types or enabled state
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new signing secret; the previous one keeps signing for 24 h
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a webhook.test event to this endpoint
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The webhook's delivery log
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now (same webhook-id)
         * @description Roles: ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stablecoins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The stablecoins registered on the platform chain
         * @description Roles: ADMIN, ISSUER, DISTRIBUTOR, COMPLIANCE.
         */
        get: operations["listStablecoins"];
        put?: never;
        /**
         * Register a stablecoin of the platform chain (checked on chain: a contract with those decimals)
         * @description Roles: ADMIN.
         */
        post: operations["registerStablecoin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/stablecoins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The fund's accepted stablecoins, with their treasury, caps and on-chain status
         * @description Roles: ISSUER.
         */
        get: operations["listFundStablecoins"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/stablecoins/{stablecoinId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Accept a stablecoin for the fund (treasury, instant redemption caps), set on the fund's settlement contract
         * @description Roles: ISSUER.
         */
        put: operations["configureFundStablecoin"];
        post?: never;
        /**
         * Stop accepting a stablecoin for the fund (removed from its settlement contract)
         * @description Roles: ISSUER.
         */
        delete: operations["removeFundStablecoin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/income": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a business day's income per unit (DISTRIBUTING funds)
         * @description Roles: ISSUER.
         */
        post: operations["publishIncome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/income/accruals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Income accrued and distributed per holder, time-weighted to the second
         * @description Roles: ISSUER, DISTRIBUTOR.
         */
        get: operations["listIncomeAccruals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/distributions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Distribute the accrued income to the holders of record at a record date
         * @description Roles: ISSUER.
         */
        post: operations["createDistribution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/distributions/{distributionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A distribution and its totals
         * @description Roles: ISSUER.
         */
        get: operations["getDistribution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/distributions/{distributionId}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A distribution's items, one per holder paid
         * @description Roles: ISSUER.
         */
        get: operations["listDistributionItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/investors/{id}/income": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An investor's income per fund
         * @description Roles: DISTRIBUTOR.
         */
        get: operations["getInvestorIncome"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/reconciliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reconcile the chain, the register and the ledger at the indexed block
         * @description Roles: ISSUER, COMPLIANCE.
         */
        post: operations["createReconciliation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funds/{id}/reconciliations/{reconciliationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A reconciliation and the breaks it found
         * @description Roles: ISSUER, COMPLIANCE.
         */
        get: operations["getReconciliation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        FieldErrorDto: {
            /**
             * @description The field, dotted for nested ones (`travelRule.originator.name`)
             * @example amount
             */
            field: string;
            /** @example amount must be a decimal string */
            message: string;
        };
        ProblemDetailsDto: {
            /**
             * @description A URI reference naming the problem type
             * @example /problems/below-minimum
             */
            type: string;
            /** @example Below minimum */
            title: string;
            /** @example 422 */
            status: number;
            /**
             * @description The stable, machine-readable code of the problem
             * @example BELOW_MINIMUM
             */
            code: string;
            /** @example The minimum subscription of this fund is 10000.00 HKD */
            detail: string;
            /** @description For 400 VALIDATION_FAILED: each invalid field */
            errors?: components["schemas"]["FieldErrorDto"][];
            instance?: string;
            /** @description The request id (also the X-Request-Id header), to quote to support */
            requestId?: string;
        };
        BrokenAuditRowDto: {
            chain: number;
            /** @description The chain position where it breaks */
            position: string;
            /** @description The row found there; null for TAIL_MISSING */
            seq: string | null;
            /** Format: uuid */
            id: string | null;
            /** @enum {string} */
            problem: "HASH_MISMATCH" | "PREV_HASH_MISMATCH" | "POSITION_GAP" | "TAIL_MISSING" | "ANCHOR_MISMATCH";
            expected: string | null;
            found: string | null;
        };
        AuditChainSummaryDto: {
            chain: number;
            /** @description Sealed rows checked (up to and including the first broken one) */
            rows: number;
            headPosition: string;
            headHash: string | null;
            /** @description The head anchored on chain, if any */
            anchoredPosition: string | null;
            anchoredHash: string | null;
        };
        AuditAnchorCheckDto: {
            /**
             * @description Whether the anchored heads were read (UNAVAILABLE: the rows were checked, their anchors not)
             * @enum {string}
             */
            status: "CHECKED" | "NOT_ANCHORED" | "DISABLED" | "UNAVAILABLE" | "INVALID_CONTRACT";
            chainId: number;
            address: string | null;
            anchorer: string;
            /** @description How many chains have an anchored head */
            anchoredChains: number;
            /** Format: date-time */
            lastAnchoredAt: string | null;
            detail: string | null;
        };
        AuditVerificationDto: {
            /** @description False for any broken chain and for an anchor address that is not AuditAnchor */
            valid: boolean;
            checkedRows: number;
            /** @description Rows written but not sealed into their chain yet */
            unsealedRows: number;
            /** @description The first problem found (the lowest chain), or null */
            firstBroken: components["schemas"]["BrokenAuditRowDto"] | null;
            /** @description The first problem of each broken chain */
            problems: components["schemas"]["BrokenAuditRowDto"][];
            chains: components["schemas"]["AuditChainSummaryDto"][];
            /** Format: date-time */
            verifiedAt: string;
            anchor: components["schemas"]["AuditAnchorCheckDto"];
        };
        AuditEventDto: {
            /** @description Position in the trail (a 64-bit integer as a string) */
            seq: string;
            /** Format: uuid */
            id: string;
            /** @example order */
            entityType: string;
            /** @example 5f0c7a8e-0d5c-4e0b-9a57-2f5b1f3c9d11 */
            entityId: string;
            /** @example order.settled */
            action: string;
            fromStatus: string | null;
            toStatus: string | null;
            /**
             * @description Who did it: user:<id>, key:<id> or a system process
             * @example user:5f0c7a8e-0d5c-4e0b-9a57-2f5b1f3c9d11
             */
            actor: string;
            reason: string | null;
            /** @description What changed, per action */
            data: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            at: string;
            /** @description Null until the row is sealed into its chain */
            prevHash: string | null;
            hash: string | null;
        };
        AuditEventPage: {
            items: components["schemas"]["AuditEventDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        MeResponseDto: {
            /** Format: uuid */
            organizationId: string;
            /** @enum {string} */
            organizationType: "PLATFORM" | "ISSUER" | "DISTRIBUTOR";
            /** @enum {string} */
            role: "ADMIN" | "COMPLIANCE" | "ISSUER" | "DISTRIBUTOR";
            /**
             * Format: uuid
             * @description The user the key belongs to; null for a key without a user
             */
            userId: string | null;
            userName: string | null;
        };
        CreateOrganizationRequestDto: {
            /**
             * @description Issuers publish funds; distributors sell them
             * @enum {string}
             */
            type: "ISSUER" | "DISTRIBUTOR";
            /**
             * @description Legal or trading name
             * @example Harbour Asset Management
             */
            name: string;
            /**
             * @description ISO-3166 alpha-2 country of the organisation
             * @example HK
             */
            jurisdiction: string;
        };
        OrganizationResponseDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "PLATFORM" | "ISSUER" | "DISTRIBUTOR";
            name: string;
            jurisdiction: string;
        };
        CreateUserRequestDto: {
            /**
             * @description Full name
             * @example Mei Chan
             */
            name: string;
            /**
             * @description Unique within the organisation (compared case-insensitively)
             * @example mei.chan@harbour.example
             */
            email: string;
            /**
             * @description Must fit the organisation, like a key role; the user's keys take this role
             * @enum {string}
             */
            role: "ADMIN" | "COMPLIANCE" | "ISSUER" | "DISTRIBUTOR";
        };
        UserResponseDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            organizationId: string;
            name: string;
            email: string;
            /** @enum {string} */
            role: "ADMIN" | "COMPLIANCE" | "ISSUER" | "DISTRIBUTOR";
        };
        CreateApiKeyRequestDto: {
            /**
             * @description What the key is used for
             * @example back office
             */
            label: string;
            /**
             * @description Must fit the organisation: ISSUER, DISTRIBUTOR, or ADMIN/COMPLIANCE on the platform organisation
             * @enum {string}
             */
            role: "ADMIN" | "COMPLIANCE" | "ISSUER" | "DISTRIBUTOR";
            /**
             * Format: uuid
             * @description The user (of this organisation, with this role) the key belongs to. Required for ISSUER and COMPLIANCE keys: four-eyes rules compare users
             */
            userId?: string;
            /**
             * @description After this instant the key answers 401 (ISO-8601, in the future, at most 10 years ahead); absent: no expiry
             * @example 2027-01-31T00:00:00Z
             */
            expiresAt?: string;
        };
        ApiKeyResponseDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            role: "ADMIN" | "COMPLIANCE" | "ISSUER" | "DISTRIBUTOR";
            /** @description The key itself; shown only in this response, store it safely */
            key: string;
            /** Format: uuid */
            userId: string | null;
            /**
             * Format: date-time
             * @description ISO-8601; null: no expiry
             */
            expiresAt: string | null;
        };
        ApiKeyListItemDto: {
            /** Format: uuid */
            id: string;
            label: string;
            /** @enum {string} */
            role: "ADMIN" | "COMPLIANCE" | "ISSUER" | "DISTRIBUTOR";
            /** Format: uuid */
            userId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /**
             * Format: date-time
             * @description Last successful authentication, to the minute
             */
            lastUsedAt: string | null;
        };
        ApiKeyPageDto: {
            items: components["schemas"]["ApiKeyListItemDto"][];
            nextCursor: string | null;
        };
        RegisterHolderDto: {
            address: string;
            investorId: string | null;
            distributorId: string | null;
            units: string;
        };
        RegisterResponseDto: {
            /** @description The time asked for; null for the current register */
            asOf: string | null;
            /** @description The last indexed block the answer reflects */
            block: string | null;
            items: components["schemas"]["RegisterHolderDto"][];
            nextCursor: string | null;
        };
        CreateFundRequestDto: {
            /** @example HKD Money Market Fund */
            name: string;
            /**
             * @description 2 to 11 capital letters or digits; the token symbol
             * @example HKDMMF
             */
            symbol: string;
            /**
             * @description ISO-4217 currency of subscriptions and NAV
             * @example HKD
             */
            currency: string;
            /**
             * @description Decimals of a unit on chain
             * @default 6
             */
            unitDecimals: number;
            /**
             * @description NAV per unit, decimal string, up to 8 decimals
             * @example 1.000000
             */
            initialNav: string;
            /**
             * @description Minimum subscription amount in the fund currency
             * @example 1000.00
             */
            minSubscription: string;
            /**
             * @description Dealing cut-off, HH:MM in the fund time zone
             * @example 16:00
             */
            cutOffTime: string;
            /**
             * @description IANA time zone of the cut-off
             * @example Asia/Hong_Kong
             */
            timezone: string;
            /**
             * @description Settlement cycle in business days (T+n)
             * @example 0
             */
            settlementDays: number;
            /** @enum {string} */
            pricing: "STABLE_NAV" | "FORWARD";
            /**
             * @description ISO-3166 alpha-2 codes of eligible investor jurisdictions
             * @example [
             *       "HK",
             *       "SG"
             *     ]
             */
            eligibleJurisdictions: string[];
            /**
             * @example [
             *       "PROFESSIONAL",
             *       "INSTITUTIONAL"
             *     ]
             */
            eligibleInvestorClasses: ("RETAIL" | "PROFESSIONAL" | "INSTITUTIONAL")[];
            /** @description Maximum number of holders, enforced on chain */
            maxHolders?: number;
            /**
             * @description Business-day calendar of the dealing days (GET /v1/calendars/{code})
             * @default HK
             * @example HK
             */
            calendar: string;
            /**
             * @description Most units one holder may hold, enforced on chain and at placement
             * @example 1000000.000000
             */
            maxUnitsPerHolder?: string;
            /**
             * @description Days a subscription's units are locked (no redemption, no transfer)
             * @example 30
             */
            lockupDays?: number;
            /**
             * @description A NAV moving more than this percent from the previous one needs a second issuer user
             * @default 2
             * @example 2
             */
            navTolerancePercent: string;
            /**
             * @default ACCUMULATING
             * @enum {string}
             */
            incomeMode: "DISTRIBUTING" | "ACCUMULATING";
        };
        FundResponseDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            issuerId: string;
            /** @enum {string} */
            status: "PENDING_DEPLOYMENT" | "ACTIVE" | "PAUSED" | "CLOSED" | "FAILED";
            name: string;
            symbol: string;
            currency: string;
            unitDecimals: number;
            /** @example 1.000000 */
            nav: string;
            /** Format: date */
            navAsOf: string;
            minSubscription: string;
            cutOffTime: string;
            timezone: string;
            settlementDays: number;
            /** @enum {string} */
            pricing: "STABLE_NAV" | "FORWARD";
            eligibleJurisdictions: string[];
            eligibleInvestorClasses: ("RETAIL" | "PROFESSIONAL" | "INSTITUTIONAL")[];
            maxHolders: number | null;
            calendar: string;
            maxUnitsPerHolder: string | null;
            lockupDays: number | null;
            /** @example 2.00 */
            navTolerancePercent: string;
            /** @enum {string} */
            incomeMode: "DISTRIBUTING" | "ACCUMULATING";
            /**
             * @description Whether the token's rules match the fund's (a job brings them there)
             * @enum {string}
             */
            rulesSync: "PENDING" | "SYNCED";
            /**
             * @description Whether the token's pause state matches the fund's status (pause, resume and close go through a job)
             * @enum {string}
             */
            lifecycleSync: "PENDING" | "SYNCED";
            chainId: number;
            tokenAddress: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        FundPage: {
            items: components["schemas"]["FundResponseDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        ShelfEntryResponseDto: {
            /** Format: uuid */
            fundId: string;
            /** Format: uuid */
            distributorId: string;
            /** @enum {string} */
            status: "ACTIVE" | "REMOVED";
        };
        DistributorFiguresDto: {
            /** Format: uuid */
            distributorId: string;
            /** @description Investors with a settled subscription through this distributor */
            investors: number;
            /** @description Units subscribed less units redeemed */
            unitsHeld: string;
            /** @description Cash of settled subscriptions, in the fund currency */
            subscribedAmount: string;
            redeemedUnits: string;
        };
        DistributionReportDto: {
            /** Format: uuid */
            fundId: string;
            /** @description Distributors on the fund shelf */
            distributors: number;
            /** @description Investors with a settled subscription */
            investors: number;
            /** @description Total supply of the fund token on chain */
            unitsOutstanding: string;
            byDistributor: components["schemas"]["DistributorFiguresDto"][];
        };
        PublishNavRequestDto: {
            /** @example 1.000123 */
            nav: string;
            /**
             * @description Dealing date the NAV applies to: a business day, not in the future, not before the latest NAV
             * @example 2026-11-26
             */
            asOf: string;
        };
        NavResponseDto: {
            /** Format: uuid */
            fundId: string;
            nav: string;
            /** Format: date */
            asOf: string;
            /** @enum {string} */
            status: "PUBLISHED" | "PENDING_APPROVAL";
        };
        NavHistoryItemDto: {
            /** Format: date */
            asOf: string;
            nav: string;
            /** @enum {string} */
            status: "PUBLISHED" | "PENDING_APPROVAL";
            /** @description The person who published it (null: the initial NAV of the fund) */
            publishedBy: string | null;
            approvedBy: string | null;
            /** Format: date-time */
            publishedAt: string;
            /** Format: date-time */
            approvedAt: string | null;
        };
        NavHistoryItemPage: {
            items: components["schemas"]["NavHistoryItemDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        DealingSideDto: {
            count: number;
            /** @description Cash in the fund currency */
            amount: string;
            /** @description Units (priced orders only) */
            units: string;
        };
        DealingSummaryDto: {
            /** Format: uuid */
            fundId: string;
            /** Format: date */
            dealingDate: string;
            /** @description The published NAV of the dealing date, if any */
            nav: string | null;
            /** @description Subscriptions that are or will be dealt (not cancelled, rejected or refunded) */
            subscriptions: components["schemas"]["DealingSideDto"];
            /** @description Redemptions that are or will be dealt (not cancelled, rejected or failed) */
            redemptions: components["schemas"]["DealingSideDto"];
            /** @description Orders of the day by status, all of them */
            byStatus: {
                [key: string]: number;
            };
        };
        UpdateFundRequestDto: {
            /**
             * @description Minimum subscription amount in the fund currency
             * @example 1000.00
             */
            minSubscription?: string;
            /**
             * @description Dealing cut-off, HH:MM in the fund time zone
             * @example 16:00
             */
            cutOffTime?: string;
            /**
             * @description Settlement cycle in business days (T+n)
             * @example 0
             */
            settlementDays?: number;
            /**
             * @description ISO-3166 alpha-2 codes of eligible investor jurisdictions
             * @example [
             *       "HK",
             *       "SG"
             *     ]
             */
            eligibleJurisdictions?: string[];
            /**
             * @example [
             *       "PROFESSIONAL",
             *       "INSTITUTIONAL"
             *     ]
             */
            eligibleInvestorClasses?: ("RETAIL" | "PROFESSIONAL" | "INSTITUTIONAL")[];
            /** @description Maximum number of holders, enforced on chain */
            maxHolders?: number;
            /**
             * @description Business-day calendar of the dealing days (GET /v1/calendars/{code})
             * @default HK
             * @example HK
             */
            calendar: string;
            /**
             * @description Most units one holder may hold, enforced on chain and at placement
             * @example 1000000.000000
             */
            maxUnitsPerHolder?: string;
            /**
             * @description Days a subscription's units are locked (no redemption, no transfer)
             * @example 30
             */
            lockupDays?: number;
            /**
             * @description A NAV moving more than this percent from the previous one needs a second issuer user
             * @default 2
             * @example 2
             */
            navTolerancePercent: string;
        };
        FundLifecycleRequestDto: {
            /**
             * @description Why: kept in the audit trail
             * @example Quarterly rebalancing
             */
            reason: string;
        };
        CreateInvestorRequestDto: {
            /**
             * @description The distributor's own client reference; unique per distributor
             * @example CLIENT-000123
             */
            externalRef: string;
            /** @enum {string} */
            type: "INDIVIDUAL" | "INSTITUTION";
            /**
             * @description ISO-3166 alpha-2 country of residence or incorporation
             * @example HK
             */
            jurisdiction: string;
            /** @enum {string} */
            investorClass: "RETAIL" | "PROFESSIONAL" | "INSTITUTIONAL";
            /** @enum {string} */
            kycStatus: "PENDING" | "APPROVED" | "REJECTED";
            /**
             * @description When the KYC outcome lapses
             * @example 2027-12-31T00:00:00Z
             */
            kycExpiresAt: string;
            /**
             * @description What the income engine does with distributions
             * @default REINVEST
             * @enum {string}
             */
            distributionPreference: "REINVEST" | "CASH";
        };
        InvestorResponseDto: {
            /** Format: uuid */
            id: string;
            externalRef: string;
            /** @enum {string} */
            type: "INDIVIDUAL" | "INSTITUTION";
            jurisdiction: string;
            /** @enum {string} */
            investorClass: "RETAIL" | "PROFESSIONAL" | "INSTITUTIONAL";
            /** @enum {string} */
            kycStatus: "PENDING" | "APPROVED" | "REJECTED";
            /** Format: date-time */
            kycExpiresAt: string;
            /** @enum {string} */
            distributionPreference: "REINVEST" | "CASH";
            /**
             * @description Whether every registered wallet's on-chain identity holds the investor's current KYC, class and jurisdiction
             * @enum {string}
             */
            registrySync: "SYNCED" | "PENDING" | "FAILED";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateInvestorRequestDto: {
            /** @enum {string} */
            kycStatus?: "PENDING" | "APPROVED" | "REJECTED";
            /**
             * @description When the KYC outcome lapses (a past instant lapses it now)
             * @example 2028-12-31T00:00:00Z
             */
            kycExpiresAt?: string;
            /** @enum {string} */
            investorClass?: "RETAIL" | "PROFESSIONAL" | "INSTITUTIONAL";
            /**
             * @description ISO-3166 alpha-2 country of residence or incorporation
             * @example SG
             */
            jurisdiction?: string;
            /**
             * @description What the income engine does with distributions
             * @enum {string}
             */
            distributionPreference?: "REINVEST" | "CASH";
        };
        CreateWalletChallengeRequestDto: {
            /** @example 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 */
            address: string;
            /**
             * @description Chain id the wallet will hold units on
             * @example 31337
             */
            chainId: number;
        };
        WalletChallengeResponseDto: {
            /** Format: uuid */
            challengeId: string;
            /** @description EIP-4361 (Sign-In with Ethereum) message for the wallet to sign */
            message: string;
            /** Format: date-time */
            expiresAt: string;
        };
        BindWalletRequestDto: {
            challengeId: string;
            /** @description The wallet signature of the challenge message (EIP-191; EIP-1271 for contract wallets) */
            signature: string;
        };
        WalletResponseDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            investorId: string;
            address: string;
            chainId: number;
            /** @enum {string} */
            status: "PENDING_SCREENING" | "PENDING_REVIEW" | "VERIFIED" | "REJECTED" | "REVOKED";
            /** @enum {string} */
            onchain: "PENDING" | "REGISTERED" | "REMOVED" | "FAILED";
            /** @description Why the chain refused the registration or removal (onchain FAILED), e.g. IDENTITY_REGISTRY_STALE_BINDING */
            onchainError: string | null;
            frozen: boolean;
            /** @description Units frozen by a partial freeze */
            frozenUnits: string | null;
            /**
             * @description Whether the chain holds the latest freeze change (FAILED: refused on chain, an alert is open)
             * @enum {string}
             */
            freezeSync: "SYNCED" | "PENDING" | "FAILED";
            /** Format: date-time */
            createdAt: string;
        };
        FreezeWalletRequestDto: {
            /** @example Listed by OFAC on 2026-11-26; pending review */
            reason: string;
            /**
             * @description Freeze only these units (in each ACTIVE fund); absent: freeze the whole wallet
             * @example 1000.000000
             */
            units?: string;
        };
        UnfreezeWalletRequestDto: {
            /** @example Review closed: false positive */
            reason: string;
        };
        StablecoinPaymentRequestDto: {
            /** @enum {string} */
            method: "STABLECOIN";
            /** @description A stablecoin the fund accepts (GET /v1/stablecoins) */
            stablecoinId: string;
        };
        StablecoinPayoutRequestDto: {
            /** @enum {string} */
            method: "STABLECOIN";
            /** @description A stablecoin the fund accepts (GET /v1/stablecoins) */
            stablecoinId: string;
            /**
             * @description Instant: burned and paid out in one transaction
             * @enum {boolean}
             */
            instant: true;
        };
        TravelRulePartyDto: {
            /**
             * @description Full name of the natural or legal person
             * @example Chan Tai Man
             */
            name: string;
            /**
             * @description Account number or another unique reference of the party
             * @example HSBC-HK-123-456789-001
             */
            accountRef: string;
            /**
             * @description ISO 3166-1 alpha-2 country of residence or registration
             * @example HK
             */
            country?: string;
        };
        TravelRuleInfoDto: {
            originator: components["schemas"]["TravelRulePartyDto"];
            beneficiary: components["schemas"]["TravelRulePartyDto"];
        };
        CreateOrderRequestDto: {
            /** @enum {string} */
            type: "SUBSCRIPTION" | "REDEMPTION";
            /** Format: uuid */
            fundId: string;
            /** Format: uuid */
            investorId: string;
            /** Format: uuid */
            walletId: string;
            /**
             * @description Subscription: cash amount in the fund currency
             * @example 10000.00
             */
            amount?: string;
            /**
             * @description Redemption: units to redeem
             * @example 500.000000
             */
            units?: string;
            /** @description Subscription: pay in stablecoin (the answer carries the permit to sign) */
            payment?: components["schemas"]["StablecoinPaymentRequestDto"];
            /** @description Redemption: paid out instantly in stablecoin */
            payout?: components["schemas"]["StablecoinPayoutRequestDto"];
            /** @description Originator and beneficiary (FATF travel rule); required when the amount reaches the fund's KYT travel-rule threshold */
            travelRule?: components["schemas"]["TravelRuleInfoDto"];
        };
        OrderPaymentDto: {
            /** @enum {string} */
            method: "STABLECOIN";
            stablecoinId: string;
            /** @description Stablecoin base units: the order amount until settled, then what moved on chain */
            amount: string;
            /** @description The one transaction that moved the stablecoin and the units */
            txHash: string | null;
            /** @description A payout: instant */
            instant?: boolean;
        };
        PaymentAuthorizationDto: {
            /** @enum {string} */
            kind: "EIP2612_PERMIT";
            /** @description EIP-712 typed data (eth_signTypedData_v4): domain, types, primaryType, message with value, nonce and deadline as decimal strings */
            typedData: {
                [key: string]: unknown;
            };
        };
        OrderEventDto: {
            from: string | null;
            to: string | null;
            at: string;
            reason: string | null;
        };
        OrderResponseDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "SUBSCRIPTION" | "REDEMPTION";
            /** @enum {string} */
            status: "RECEIVED" | "ON_HOLD" | "REJECTED" | "AWAITING_PAYMENT" | "CANCELLED" | "PAYMENT_CONFIRMED" | "PRICING" | "MINTING" | "BURNING" | "PAYOUT_PENDING" | "SETTLED" | "FAILED" | "REFUND_PENDING" | "REFUNDED";
            /** Format: uuid */
            fundId: string;
            /** Format: uuid */
            investorId: string;
            /** Format: uuid */
            walletId: string;
            currency: string;
            amount: string | null;
            /** @description Units as a decimal string with the fund unit decimals */
            units: string | null;
            nav: string | null;
            /** @description Cash not converted into whole units */
            cashRemainder: string | null;
            /**
             * Format: date
             * @description The business day whose cut-off the order made (fund time zone)
             */
            dealingDate: string;
            /**
             * Format: date-time
             * @description The cut-off of the dealing date: the distributor may cancel until then
             */
            cutOffAt: string;
            /**
             * Format: date
             * @description Dealing date plus the fund settlement days, in business days
             */
            settlementDate: string;
            /**
             * Format: date
             * @description The date of the NAV that priced the order
             */
            navAsOf: string | null;
            /** @description For REFUNDED: the bank reference of the cash returned */
            refundReference: string | null;
            paymentReference: string | null;
            txHash: string | null;
            /** @description For a FAILED order: the token contract error that refused it, e.g. FUND_TOKEN_ADDRESS_FROZEN */
            failureCode: string | null;
            /** @description The stablecoin leg of the order, if it pays or is paid in stablecoin */
            payment?: components["schemas"]["OrderPaymentDto"] | null;
            /** @description In the answer to a stablecoin subscription: what the investor wallet signs */
            paymentAuthorization?: components["schemas"]["PaymentAuthorizationDto"];
            events: components["schemas"]["OrderEventDto"][];
            /** Format: date-time */
            createdAt: string;
        };
        BatchPaymentConfirmationRequestDto: {
            /**
             * @description The bank reference of the cash received
             * @example HSBC-TT-20261126-0042
             */
            reference: string;
            /** @description The subscriptions (AWAITING_PAYMENT) the wire pays for, at most 100 */
            orderIds: string[];
        };
        OrderListDto: {
            items: components["schemas"]["OrderResponseDto"][];
        };
        OrderPage: {
            items: components["schemas"]["OrderResponseDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        PaymentConfirmationRequestDto: {
            /**
             * @description The bank reference of the cash received
             * @example HSBC-TT-20261126-0042
             */
            reference: string;
        };
        PaymentAuthorizationRequestDto: {
            /**
             * @description The EIP-2612 signature of the typed data the order answered with (65 or 64 bytes, hex)
             * @example 0x1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b
             */
            signature?: string;
            /**
             * @description APPROVAL: the wallet approved the settlement contract itself
             * @enum {string}
             */
            method?: "APPROVAL";
        };
        RefundConfirmationRequestDto: {
            /**
             * @description The bank reference of the cash returned
             * @example HSBC-TT-20261127-0007
             */
            reference: string;
        };
        FundRulesDto: {
            /**
             * @description Orders at or above this amount need originator and beneficiary information (travel rule)
             * @example 1000000.00
             */
            travelRuleThreshold: string;
            /**
             * @description More orders than this per investor within the window is a velocity finding
             * @example 10
             */
            velocityMaxOrders: number;
            /** @example 60 */
            velocityWindowMinutes: number;
            /**
             * @description Orders within 24 hours just under the threshold that count as structuring
             * @example 3
             */
            structuringMinOrders: number;
            /**
             * @description "Just under": within this percentage below the threshold
             * @example 10
             */
            structuringBandPercent: number;
            /**
             * @description A wallet bound less than this many hours ago is fresh
             * @example 24
             */
            freshWalletHours: number;
            /**
             * @description A subscription at or above this into a fresh wallet is a finding
             * @example 500000.00
             */
            freshWalletLargeAmount: string;
            /** Format: uuid */
            fundId: string;
        };
        PutFundRulesRequestDto: {
            /**
             * @description Orders at or above this amount need originator and beneficiary information (travel rule)
             * @example 1000000.00
             */
            travelRuleThreshold: string;
            /**
             * @description More orders than this per investor within the window is a velocity finding
             * @example 10
             */
            velocityMaxOrders: number;
            /** @example 60 */
            velocityWindowMinutes: number;
            /**
             * @description Orders within 24 hours just under the threshold that count as structuring
             * @example 3
             */
            structuringMinOrders: number;
            /**
             * @description "Just under": within this percentage below the threshold
             * @example 10
             */
            structuringBandPercent: number;
            /**
             * @description A wallet bound less than this many hours ago is fresh
             * @example 24
             */
            freshWalletHours: number;
            /**
             * @description A subscription at or above this into a fresh wallet is a finding
             * @example 500000.00
             */
            freshWalletLargeAmount: string;
        };
        AlertReasonDto: {
            /** @example BLOCKLISTED_COUNTERPARTY */
            code: string;
            message: string;
        };
        AlertCommentDto: {
            /** @description The officer who wrote it */
            author: string;
            text: string;
            /** Format: date-time */
            at: string;
        };
        AlertHistoryEventDto: {
            from: string | null;
            to: string | null;
            /** Format: date-time */
            at: string;
            reason: string | null;
            actor: string;
        };
        AlertProposalDto: {
            /** @enum {string} */
            decision: "CLEAR" | "CONFIRM";
            /** @enum {string|null} */
            resolutionCode: "FALSE_POSITIVE" | "RISK_ACCEPTED" | "INFORMATION_PROVIDED" | "TRUE_MATCH" | "SUSPICIOUS_ACTIVITY" | "POLICY_BREACH" | "OTHER" | "RESCREENED_CLEAN" | null;
            reason: string | null;
            /** @description The officer who proposed it */
            proposedBy: string;
            /** @description True when the caller proposed it: the caller cannot approve it (four-eyes) */
            proposedByCaller: boolean;
        };
        AlertResponseDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            severity: "LOW" | "MEDIUM" | "HIGH" | "SEVERE";
            /** @enum {string} */
            status: "OPEN" | "IN_REVIEW" | "ESCALATED" | "PENDING_APPROVAL" | "CLEARED" | "CONFIRMED";
            /** @enum {string} */
            subjectType: "WALLET" | "ORDER" | "TRANSFER" | "RECONCILIATION";
            subjectId: string;
            reasons: components["schemas"]["AlertReasonDto"][];
            assignee: string | null;
            /** @enum {string|null} */
            pendingDecision: "CLEAR" | "CONFIRM" | null;
            /** @description Risk score 0-100 when raised */
            score: number;
            /**
             * Format: date-time
             * @description The decision is due by then
             */
            dueAt: string;
            /** @description Undecided and past its due time */
            overdue: boolean;
            /** @enum {string|null} */
            resolutionCode: "FALSE_POSITIVE" | "RISK_ACCEPTED" | "INFORMATION_PROVIDED" | "TRUE_MATCH" | "SUSPICIOUS_ACTIVITY" | "POLICY_BREACH" | "OTHER" | "RESCREENED_CLEAN" | null;
            comments: components["schemas"]["AlertCommentDto"][];
            history: components["schemas"]["AlertHistoryEventDto"][];
            /** Format: date-time */
            createdAt: string;
            /** @description The decision waiting for approval (PENDING_APPROVAL only) */
            proposal: components["schemas"]["AlertProposalDto"] | null;
        };
        AlertPage: {
            items: components["schemas"]["AlertResponseDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        ContextWalletDto: {
            /** Format: uuid */
            id: string;
            address: string;
            chainId: number;
            status: string;
            onchain: string;
            frozen: boolean;
            frozenUnits: string | null;
            /** @enum {string} */
            freezeSync: "SYNCED" | "PENDING" | "FAILED";
            /** Format: date-time */
            createdAt: string;
        };
        ContextInvestorDto: {
            /** Format: uuid */
            id: string;
            externalRef: string;
            type: string;
            jurisdiction: string;
            investorClass: string;
            kycStatus: string;
            /** Format: date-time */
            kycExpiresAt: string | null;
        };
        ContextOrganizationDto: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        ContextHoldingDto: {
            /** Format: uuid */
            fundId: string;
            fundName: string;
            symbol: string;
            units: string;
        };
        ContextCounterpartyDto: {
            address: string;
            /** Format: uuid */
            fundId: string;
            /** @description Transfers to this address */
            sent: number;
            /** @description Transfers from this address */
            received: number;
            unitsSent: string;
            unitsReceived: string;
            lastBlock: string;
            /**
             * Format: uuid
             * @description The investor bound to it, when the platform knows one
             */
            investorId: string | null;
            /** @description On the blocklist now */
            blocklisted: boolean;
        };
        ContextOrderEventDto: {
            from: string | null;
            to: string | null;
            /** Format: date-time */
            at: string;
            reason: string | null;
        };
        ContextOrderDto: {
            /** Format: uuid */
            id: string;
            type: string;
            status: string;
            /** Format: uuid */
            fundId: string;
            /** Format: uuid */
            investorId: string;
            /** Format: uuid */
            walletId: string;
            currency: string;
            amount: string | null;
            units: string | null;
            /** Format: date */
            dealingDate: string | null;
            /** Format: date-time */
            createdAt: string;
            events: components["schemas"]["ContextOrderEventDto"][];
        };
        ContextFundDto: {
            /** Format: uuid */
            id: string;
            name: string;
            symbol: string;
            currency: string;
            tokenAddress: string | null;
        };
        ContextTransferPartyDto: {
            address: string;
            /** Format: uuid */
            walletId: string | null;
            /** Format: uuid */
            investorId: string | null;
            blocklisted: boolean;
        };
        ContextTransferDto: {
            id: string;
            /** Format: uuid */
            fundId: string;
            txHash: string;
            logIndex: number;
            blockNumber: string;
            units: string;
            from: components["schemas"]["ContextTransferPartyDto"];
            to: components["schemas"]["ContextTransferPartyDto"];
        };
        AlertSubjectContextDto: {
            wallet?: components["schemas"]["ContextWalletDto"];
            investor?: components["schemas"]["ContextInvestorDto"];
            /** @description The distributor of the investor */
            distributor?: components["schemas"]["ContextOrganizationDto"];
            /** @description Units held per fund, from the chain index */
            holdings?: components["schemas"]["ContextHoldingDto"][];
            /** @description Addresses it exchanged units with on chain, from the chain index */
            counterparties?: components["schemas"]["ContextCounterpartyDto"][];
            order?: components["schemas"]["ContextOrderDto"];
            fund?: components["schemas"]["ContextFundDto"];
            transfer?: components["schemas"]["ContextTransferDto"];
            /** Format: uuid */
            alertId: string;
            /** @enum {string} */
            subjectType: "WALLET" | "ORDER" | "TRANSFER" | "RECONCILIATION";
            subjectId: string;
        };
        AssignAlertRequestDto: {
            /** @description Who reviews the alert; the caller when absent */
            assignee?: string;
        };
        CommentAlertRequestDto: {
            /** @example Counterparty is a regulated exchange; asked the distributor for the source of funds. */
            text: string;
        };
        EscalateAlertRequestDto: {
            /** @example Exposure above our risk appetite; needs the MLRO */
            reason: string;
        };
        AlertDecisionRequestDto: {
            /** @enum {string} */
            decision: "CLEAR" | "CONFIRM";
            /** @example False positive: address belongs to a regulated exchange */
            reason: string;
            /**
             * @description Coded resolution. CLEAR: FALSE_POSITIVE, RISK_ACCEPTED, INFORMATION_PROVIDED, OTHER; CONFIRM: TRUE_MATCH, SUSPICIOUS_ACTIVITY, POLICY_BREACH, OTHER. Default OTHER.
             * @enum {string}
             */
            resolutionCode?: "FALSE_POSITIVE" | "RISK_ACCEPTED" | "INFORMATION_PROVIDED" | "TRUE_MATCH" | "SUSPICIOUS_ACTIVITY" | "POLICY_BREACH" | "OTHER" | "RESCREENED_CLEAN";
        };
        ApproveAlertDecisionRequestDto: {
            /** @example Agreed */
            comment?: string;
        };
        SendBackAlertDecisionRequestDto: {
            /** @example The source of funds is not documented yet */
            reason: string;
        };
        BlocklistEntryResponseDto: {
            address: string;
            reason: string;
            source: string;
            addedBy: string;
            /** Format: date-time */
            createdAt: string;
        };
        BlocklistEntryPage: {
            items: components["schemas"]["BlocklistEntryResponseDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        BlocklistImportEntryDto: {
            address: string;
            reason: string;
            /** @description Already on the blocklist before this import */
            listed: boolean;
        };
        BlocklistImportResponseDto: {
            source: string;
            /** @description true for a preview: nothing was changed */
            dryRun: boolean;
            /** @description EVM addresses found in the file (de-duplicated) */
            evmAddresses: number;
            /** @description Digital currency addresses of other chains, skipped */
            otherChainsSkipped: number;
            /** @description Found addresses that were on the blocklist already */
            alreadyListed: number;
            /** @description Addresses added (0 on a dry run) */
            added: number;
            /** @description The first 1000 addresses found */
            entries: components["schemas"]["BlocklistImportEntryDto"][];
            /** @description More addresses were found than entries lists */
            entriesTruncated: boolean;
        };
        AddBlocklistEntryRequestDto: {
            /** @example 0x8589427373D6D84E98730D7795D8f6f8731FDA16 */
            address: string;
            /** @example OFAC SDN listed */
            reason: string;
            /**
             * @description Where the listing comes from
             * @example OFAC-SDN
             */
            source: string;
        };
        HealthIndicatorDto: {
            /** @enum {string} */
            status: "up" | "down";
            /** @description Why it is down (ADMIN keys only) */
            message?: string;
        };
        HealthCheckDto: {
            /** @enum {string} */
            status: "ok" | "error" | "shutting_down";
            /** @description The dependencies that are up */
            info?: {
                [key: string]: components["schemas"]["HealthIndicatorDto"];
            };
            /** @description The dependencies that are down */
            error?: {
                [key: string]: components["schemas"]["HealthIndicatorDto"];
            };
            /** @description Every dependency checked */
            details: {
                [key: string]: components["schemas"]["HealthIndicatorDto"];
            };
        };
        CalendarResponseDto: {
            /** @example HK */
            code: string;
            name: string;
            holidays: string[];
            /**
             * @example [
             *       6,
             *       0
             *     ]
             */
            weekendDays: number[];
        };
        PutCalendarRequestDto: {
            /** @example Hong Kong general holidays */
            name: string;
            /**
             * @description Holidays (YYYY-MM-DD, real dates); weekends are never business days
             * @example [
             *       "2026-12-25",
             *       "2026-12-26"
             *     ]
             */
            holidays: string[];
            /**
             * @description Days of the week that are never business days (0 = Sunday ... 6 = Saturday)
             * @default [
             *       6,
             *       0
             *     ]
             * @example [
             *       6,
             *       0
             *     ]
             */
            weekendDays: number[];
        };
        EventSubjectDto: {
            /** @example order */
            type: string;
            /** Format: uuid */
            id: string;
        };
        EventResponseDto: {
            /**
             * Format: uuid
             * @description Stable: the same id in the feed and in every delivery (the webhook-id header)
             */
            id: string;
            /**
             * @example order.settled
             * @enum {string}
             */
            type: "order.received" | "order.on_hold" | "order.rejected" | "order.awaiting_payment" | "order.payment_confirmed" | "order.pricing" | "order.minting" | "order.burning" | "order.payout_pending" | "order.settled" | "order.failed" | "order.cancelled" | "order.refund_pending" | "order.refunded" | "wallet.pending_screening" | "wallet.pending_review" | "wallet.verified" | "wallet.rejected" | "wallet.revoked" | "fund.pending_deployment" | "fund.active" | "fund.paused" | "fund.closed" | "fund.failed" | "wallet.frozen" | "wallet.unfrozen" | "fund.nav_published" | "fund.distribution_completed" | "kyt.alert_opened" | "kyt.alert_decided" | "reconciliation.break" | "webhook.test" | "webhook.disabled";
            /** Format: date-time */
            occurredAt: string;
            subject: components["schemas"]["EventSubjectDto"];
            /** @description The subject's public representation at the change */
            data: {
                [key: string]: unknown;
            };
        };
        EventListResponseDto: {
            items: components["schemas"]["EventResponseDto"][];
            /** @description Pass as `after` to read on; the same cursor again when nothing new was committed */
            nextCursor: string | null;
        };
        CreateWebhookRequestDto: {
            /**
             * @description https, resolving to public addresses only
             * @example https://hooks.example.com/rwa
             */
            url: string;
            /**
             * @example [
             *       "order.settled",
             *       "order.failed"
             *     ]
             */
            events: ("order.received" | "order.on_hold" | "order.rejected" | "order.awaiting_payment" | "order.payment_confirmed" | "order.pricing" | "order.minting" | "order.burning" | "order.payout_pending" | "order.settled" | "order.failed" | "order.cancelled" | "order.refund_pending" | "order.refunded" | "wallet.pending_screening" | "wallet.pending_review" | "wallet.verified" | "wallet.rejected" | "wallet.revoked" | "fund.pending_deployment" | "fund.active" | "fund.paused" | "fund.closed" | "fund.failed" | "wallet.frozen" | "wallet.unfrozen" | "fund.nav_published" | "fund.distribution_completed" | "kyt.alert_opened" | "kyt.alert_decided" | "reconciliation.break" | "webhook.test" | "webhook.disabled")[];
            /** @example Back office */
            description?: string;
        };
        CreatedWebhookResponseDto: {
            /** Format: uuid */
            id: string;
            url: string;
            events: ("order.received" | "order.on_hold" | "order.rejected" | "order.awaiting_payment" | "order.payment_confirmed" | "order.pricing" | "order.minting" | "order.burning" | "order.payout_pending" | "order.settled" | "order.failed" | "order.cancelled" | "order.refund_pending" | "order.refunded" | "wallet.pending_screening" | "wallet.pending_review" | "wallet.verified" | "wallet.rejected" | "wallet.revoked" | "fund.pending_deployment" | "fund.active" | "fund.paused" | "fund.closed" | "fund.failed" | "wallet.frozen" | "wallet.unfrozen" | "fund.nav_published" | "fund.distribution_completed" | "kyt.alert_opened" | "kyt.alert_decided" | "reconciliation.break" | "webhook.test" | "webhook.disabled")[];
            description: string | null;
            enabled: boolean;
            /** @description Why the platform disabled the endpoint */
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * @description The signing secret, shown once
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        WebhookResponseDto: {
            /** Format: uuid */
            id: string;
            url: string;
            events: ("order.received" | "order.on_hold" | "order.rejected" | "order.awaiting_payment" | "order.payment_confirmed" | "order.pricing" | "order.minting" | "order.burning" | "order.payout_pending" | "order.settled" | "order.failed" | "order.cancelled" | "order.refund_pending" | "order.refunded" | "wallet.pending_screening" | "wallet.pending_review" | "wallet.verified" | "wallet.rejected" | "wallet.revoked" | "fund.pending_deployment" | "fund.active" | "fund.paused" | "fund.closed" | "fund.failed" | "wallet.frozen" | "wallet.unfrozen" | "fund.nav_published" | "fund.distribution_completed" | "kyt.alert_opened" | "kyt.alert_decided" | "reconciliation.break" | "webhook.test" | "webhook.disabled")[];
            description: string | null;
            enabled: boolean;
            /** @description Why the platform disabled the endpoint */
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookListResponseDto: {
            items: components["schemas"]["WebhookResponseDto"][];
            nextCursor: string | null;
        };
        UpdateWebhookRequestDto: {
            /** @example https://hooks.example.com/rwa */
            url?: string;
            events?: ("order.received" | "order.on_hold" | "order.rejected" | "order.awaiting_payment" | "order.payment_confirmed" | "order.pricing" | "order.minting" | "order.burning" | "order.payout_pending" | "order.settled" | "order.failed" | "order.cancelled" | "order.refund_pending" | "order.refunded" | "wallet.pending_screening" | "wallet.pending_review" | "wallet.verified" | "wallet.rejected" | "wallet.revoked" | "fund.pending_deployment" | "fund.active" | "fund.paused" | "fund.closed" | "fund.failed" | "wallet.frozen" | "wallet.unfrozen" | "fund.nav_published" | "fund.distribution_completed" | "kyt.alert_opened" | "kyt.alert_decided" | "reconciliation.break" | "webhook.test" | "webhook.disabled")[];
            /** @description false stops deliveries (they wait); true resumes them (also after the platform disabled a failing endpoint) */
            enabled?: boolean;
            /** @example Back office */
            description?: string;
        };
        RotatedSecretResponseDto: {
            /**
             * @description The new signing secret, shown once; the previous one keeps signing too for the overlap (24 h)
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
            /**
             * Format: date-time
             * @description Until when the previous secret signs too
             */
            previousSecretExpiresAt: string;
        };
        AcceptedResponseDto: {
            /** @example true */
            accepted: boolean;
            /**
             * Format: uuid
             * @description The event sent (test)
             */
            eventId?: string;
        };
        DeliveryResponseDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            eventId: string;
            /** @example order.settled */
            eventType: string;
            /** @enum {string} */
            status: "PENDING" | "DELIVERED" | "FAILED";
            attempts: number;
            lastStatusCode: number | null;
            /** @description Why the last attempt failed without a status (timeout, refused target, ...) */
            lastError: string | null;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        DeliveryListResponseDto: {
            items: components["schemas"]["DeliveryResponseDto"][];
            nextCursor: string | null;
        };
        CreateStablecoinRequestDto: {
            /**
             * @description The chain the stablecoin lives on: the platform chain
             * @example 31337
             */
            chainId: number;
            /**
             * @description The token contract (checked on chain)
             * @example 0x5FbDB2315678afecb367f032d93F642f64180aa3
             */
            address: string;
            /** @example USDC */
            symbol: string;
            /**
             * @description Must equal what the token answers to decimals()
             * @example 6
             */
            decimals: number;
            /**
             * @description The issuer of the stablecoin
             * @example Circle Internet Financial
             */
            issuer: string;
            /**
             * @description The issuer's licence (e.g. under Hong Kong's Stablecoins Ordinance)
             * @example HKMA SCI-0001
             */
            licence?: string;
        };
        StablecoinResponseDto: {
            id: string;
            chainId: number;
            address: string;
            symbol: string;
            decimals: number;
            issuer: string;
            licence: string | null;
            createdAt: string;
        };
        StablecoinListResponseDto: {
            items: components["schemas"]["StablecoinResponseDto"][];
            nextCursor: string | null;
        };
        FundStablecoinResponseDto: {
            fundId: string;
            stablecoinId: string;
            symbol: string;
            /**
             * @description CONFIGURING until the settlement contract has the settings, then ACTIVE
             * @enum {string}
             */
            status: "CONFIGURING" | "ACTIVE" | "REMOVED" | "FAILED";
            treasury: string;
            /** @description Whole stablecoins per UTC day */
            instantRedemptionDailyCap: string;
            /** @description Whole stablecoins per investor and UTC day */
            instantRedemptionPerInvestorDailyCap: string;
            /** @description The settlement contract of the chain, once deployed */
            settlementContract: string | null;
            /** @description The last configuration transaction */
            txHash: string | null;
            /** @description FAILED: the contract error that refused the settings */
            failureCode: string | null;
        };
        FundStablecoinListResponseDto: {
            items: components["schemas"]["FundStablecoinResponseDto"][];
        };
        FundStablecoinRequestDto: {
            /**
             * @description The fund's treasury: receives subscriptions, pays instant redemptions (it approves the settlement contract)
             * @example 0x70997970C51812dc3A010C7d01b50e0d17dc79C8
             */
            treasury: string;
            /**
             * @description Instant redemptions of the fund per UTC day, in whole stablecoins (0: none)
             * @example 1000000
             */
            instantRedemptionDailyCap: string;
            /**
             * @description Instant redemptions of one investor per UTC day, in whole stablecoins (0: none)
             * @example 50000
             */
            instantRedemptionPerInvestorDailyCap: string;
        };
        PublishIncomeRequestDto: {
            /**
             * @description A business day of the fund's calendar, not in the future (fund time zone)
             * @example 2027-01-04
             */
            date: string;
            /**
             * @description Income per unit for that day, in the fund currency: a decimal string, at most 6 digits before the point and 18 after
             * @example 0.000136986
             */
            ratePerUnit: string;
        };
        IncomeRateResponseDto: {
            fundId: string;
            /** @example 2027-01-04 */
            date: string;
            /** @example 0.000136986 */
            ratePerUnit: string;
            /** @description Start of the period the rate covers (the business day in the fund time zone) */
            periodStart: string;
            periodEnd: string;
            publishedBy: string;
            publishedAt: string;
        };
        AccrualItemDto: {
            investorId: string | null;
            distributorId: string | null;
            address: string;
            /**
             * @description Income accrued since the fund began, fund currency
             * @example 12.34
             */
            accrued: string;
            /**
             * @description Of which distributed (reinvested or recorded as cash payable)
             * @example 10.00
             */
            distributed: string;
        };
        AccrualsResponseDto: {
            asOf: string;
            /** @description Income accrued by all holders, fund currency */
            totalAccrued: string;
            items: components["schemas"]["AccrualItemDto"][];
            nextCursor: string | null;
        };
        CreateDistributionRequestDto: {
            /**
             * @description Holders of record at the end of this day (fund time zone) are paid what they accrued since the previous record date
             * @example 2027-01-29
             */
            recordDate: string;
        };
        DistributionAcceptedDto: {
            id: string;
            /** @enum {string} */
            status: "PENDING" | "PROCESSING" | "COMPLETED";
        };
        DistributionResponseDto: {
            id: string;
            fundId: string;
            /** @enum {string} */
            status: "PENDING" | "PROCESSING" | "COMPLETED";
            recordDate: string;
            /** @description End of the record date, fund time zone */
            recordTime: string;
            /** @description The last indexed block at the record time */
            block: string | null;
            /** @description Holders paid (items) */
            holders: number;
            /** @description Fund currency */
            totalAmount: string;
            unitsReinvested: string;
            /** @description Fund currency */
            cashPayable: string;
            /** @description Held by a control at payment time (blocklist, freeze, KYC, unknown holder): neither minted nor payable yet */
            heldAmount: string;
            completedAt: string | null;
        };
        DistributionItemDto: {
            address: string;
            investorId: string | null;
            distributorId: string | null;
            amount: string;
            /** @enum {string} */
            method: "REINVEST" | "CASH";
            units: string;
            /** @enum {string} */
            status: "PENDING" | "MINTED" | "CASH_PAYABLE" | "HELD";
            heldReason: string | null;
            txHash: string | null;
        };
        DistributionItemsResponseDto: {
            items: components["schemas"]["DistributionItemDto"][];
            nextCursor: string | null;
        };
        InvestorIncomeItemDto: {
            fundId: string;
            /** @description Fund currency */
            accrued: string;
            /** @description Units minted by reinvested distributions */
            distributedUnits: string;
            /** @description Cash recorded as payable through the distributor, fund currency */
            distributedCash: string;
        };
        InvestorIncomeResponseDto: {
            items: components["schemas"]["InvestorIncomeItemDto"][];
            nextCursor: string | null;
        };
        ReconciliationAcceptedDto: {
            id: string;
            /** @enum {string} */
            status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";
        };
        ReconciliationBreakDto: {
            id: string;
            /** @enum {string} */
            kind: "REGISTER_VS_CHAIN" | "LEDGER_VS_CHAIN" | "UNKNOWN_HOLDER" | "STABLECOIN_LEDGER_VS_CHAIN";
            address: string;
            /** @description The stablecoin (address) of a STABLECOIN_LEDGER_VS_CHAIN break, whose amounts are in that stablecoin; null for the units breaks */
            stablecoin: string | null;
            register: string | null;
            chain: string | null;
            ledger: string | null;
            /** @enum {string} */
            status: "OPEN" | "RESOLVED";
            /** @description The compliance alert raised for it */
            alertId: string | null;
        };
        ReconciliationResponseDto: {
            id: string;
            fundId: string;
            /** @enum {string} */
            status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";
            /** @enum {string} */
            trigger: "ON_DEMAND" | "SCHEDULED";
            block: string | null;
            holdersChecked: number;
            breaks: components["schemas"]["ReconciliationBreakDto"][];
            error: string | null;
            createdAt: string;
            completedAt: string | null;
        };
    };
    responses: {
        /** @description Malformed request or invalid fields (VALIDATION_FAILED: `errors` names each field); nothing was changed */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetailsDto"];
            };
        };
        /** @description UNAUTHORIZED: no API key, or an unknown, expired or revoked one */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetailsDto"];
            };
        };
        /** @description FORBIDDEN: the API key's role may not call this operation */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetailsDto"];
            };
        };
        /** @description Not found, or a resource of another organisation (never revealed) */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetailsDto"];
            };
        };
        /** @description IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body; IDEMPOTENCY_REQUEST_IN_PROGRESS: the first request with it is still running (retry later) */
        IdempotencyConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetailsDto"];
            };
        };
        /** @description TOO_MANY_REQUESTS: over the rate limit of the API key; retry after `Retry-After` seconds */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetailsDto"];
            };
        };
        /** @description INTERNAL_ERROR: a defect; quote `requestId` to support */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetailsDto"];
            };
        };
        /** @description A dependency (the database, the chain) did not answer in time, or the platform is not set up; nothing was changed, retry later */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait (a database timeout) */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetailsDto"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    verifyAuditTrail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerificationDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                entityType?: "organization" | "user" | "api_key" | "audit_trail" | "fund" | "investor" | "wallet" | "order" | "kyt_alert" | "blocklist" | "kyt_fund_rules" | "fund_distribution" | "fund_distribution_item" | "reconciliation" | "reconciliation_break";
                entityId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeResponseDto"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createOrganization: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganizationRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: USER_EMAIL_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: ROLE_NOT_ALLOWED_FOR_ORGANIZATION */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPageDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: IDEMPOTENT_REPLAY_UNAVAILABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: ROLE_NOT_ALLOWED_FOR_ORGANIZATION, USER_ROLE_MISMATCH */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListItemDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listFundHolders: {
        parameters: {
            query?: {
                /** @description ISO time: the register as it stood then (from the chain index journal) */
                asOf?: string;
                /** @description csv: the same page as text/csv (or send Accept: text/csv) */
                format?: "json" | "csv";
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisterResponseDto"];
                    "text/csv": components["schemas"]["RegisterResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listFunds: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createFund: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFundRequestDto"];
            };
        };
        responses: {
            /** @description Accepted: recorded, the chain follows */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): CALENDAR_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getFund: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateFund: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateFundRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    shelveFund: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                distributorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShelfEntryResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description A business rule refuses the request; nothing was changed: FUND_NOT_ACTIVE */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    unshelveFund: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                distributorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShelfEntryResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getFundDistribution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistributionReportDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    publishNav: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishNavRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NavResponseDto"];
                };
            };
            /** @description PENDING_APPROVAL: beyond the NAV tolerance, waiting for a second person */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NavResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: NAV_ALREADY_DEALT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: FUND_NOT_ACTIVE, NAV_DATE_NOT_ALLOWED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    approveNav: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                /** @description The NAV date (YYYY-MM-DD) */
                asOf: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NavResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: NAV_NOT_PENDING_APPROVAL, FOUR_EYES_REQUIRED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listFundNavs: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NavHistoryItemPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDealingSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The dealing date (YYYY-MM-DD) */
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealingSummaryDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    pauseFund: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FundLifecycleRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: INVALID_STATE_TRANSITION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resumeFund: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FundLifecycleRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: INVALID_STATE_TRANSITION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    closeFund: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FundLifecycleRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: INVALID_STATE_TRANSITION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createInvestor: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvestorRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: DUPLICATE_EXTERNAL_REF */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInvestor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateInvestor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateInvestorRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWalletChallenge: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWalletChallengeRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletChallengeResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["IdempotencyConflict"];
            /** @description A business rule refuses the request; nothing was changed: KYC_NOT_APPROVED, WRONG_CHAIN */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    bindWallet: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BindWalletRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: CHALLENGE_USED, WALLET_ALREADY_BOUND */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: CHALLENGE_EXPIRED, SIGNATURE_MISMATCH, WRONG_CHAIN */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWallet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeWallet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: WALLET_HOLDS_UNITS, INVALID_STATE_TRANSITION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    freezeWallet: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FreezeWalletRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    unfreezeWallet: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnfreezeWalletRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: WALLET_NOT_FROZEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                fundId?: string;
                status?: "RECEIVED" | "ON_HOLD" | "REJECTED" | "AWAITING_PAYMENT" | "CANCELLED" | "PAYMENT_CONFIRMED" | "PRICING" | "MINTING" | "BURNING" | "PAYOUT_PENDING" | "SETTLED" | "FAILED" | "REFUND_PENDING" | "REFUNDED";
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createOrder: {
        parameters: {
            query?: never;
            header: {
                /** @description Required here (400 IDEMPOTENCY_KEY_REQUIRED without it). A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrderRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): FUND_NOT_FOUND, INVESTOR_NOT_FOUND, WALLET_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: IDEMPOTENCY_KEY_REUSED, CUT_OFF_PASSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: FUND_NOT_ACTIVE, FUND_PAUSED, FUND_CLOSED, KYC_NOT_APPROVED, INVESTOR_NOT_ELIGIBLE, WALLET_NOT_VERIFIED, BELOW_MINIMUM, INSUFFICIENT_UNITS, UNITS_LOCKED, FUND_MAX_HOLDERS_REACHED, MAX_UNITS_PER_HOLDER_EXCEEDED, TRAVEL_RULE_INFO_REQUIRED, STABLECOIN_NOT_ACCEPTED, INSTANT_REDEMPTION_CAP_EXCEEDED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmPayments: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchPaymentConfirmationRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): ORDER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: PAYMENT_REFERENCE_USED, INVALID_STATE_TRANSITION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: NOT_A_SUBSCRIPTION */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: CUT_OFF_PASSED, INVALID_STATE_TRANSITION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentConfirmationRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: PAYMENT_REFERENCE_USED, INVALID_STATE_TRANSITION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: NOT_A_SUBSCRIPTION */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    authorizeOrderPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentAuthorizationRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: INVALID_STATE_TRANSITION, CUT_OFF_PASSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: NOT_A_STABLECOIN_ORDER, PAYMENT_NOT_AUTHORIZED, PERMIT_EXPIRED, INSUFFICIENT_STABLECOIN_BALANCE, SETTLEMENT_PAUSED, STABLECOIN_NOT_ACCEPTED, WALLET_NOT_VERIFIED, FUND_NOT_ACTIVE, FUND_PAUSED, FUND_CLOSED, KYC_NOT_APPROVED, INVESTOR_NOT_ELIGIBLE, FUND_MAX_HOLDERS_REACHED, MAX_UNITS_PER_HOLDER_EXCEEDED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmRefund: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefundConfirmationRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: INVALID_STATE_TRANSITION, REFUND_FROM_ESCROW */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: NOT_A_SUBSCRIPTION */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmPayout: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentConfirmationRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: PAYMENT_REFERENCE_USED, INVALID_STATE_TRANSITION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: NOT_A_REDEMPTION */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getKytFundRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fundId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundRulesDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putKytFundRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fundId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutFundRulesRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundRulesDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                status?: "OPEN" | "IN_REVIEW" | "ESCALATED" | "PENDING_APPROVAL" | "CLEARED" | "CONFIRMED";
                severity?: "LOW" | "MEDIUM" | "HIGH" | "SEVERE";
                subjectType?: "WALLET" | "ORDER" | "TRANSFER" | "RECONCILIATION";
                /** @description true: only undecided alerts past their due time; false: only the others */
                overdue?: boolean;
                /** @description createdAt (default): oldest first; dueAt: the one due soonest first */
                sort?: "createdAt" | "dueAt";
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAlertContext: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertSubjectContextDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    assignAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignAlertRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: ALERT_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    commentAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentAlertRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: ALERT_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    escalateAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EscalateAlertRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: ALERT_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    decideAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertDecisionRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: ALERT_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    approveAlertDecision: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveAlertDecisionRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: ALERT_NOT_PENDING_APPROVAL, FOUR_EYES_REQUIRED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    sendBackAlertDecision: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendBackAlertDecisionRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: ALERT_NOT_PENDING_APPROVAL, FOUR_EYES_REQUIRED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listBlocklist: {
        parameters: {
            query?: {
                /** @description Case-insensitive part of the address, reason or source */
                q?: string;
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlocklistEntryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    addToBlocklist: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddBlocklistEntryRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlocklistEntryResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    previewBlocklistImport: {
        parameters: {
            query?: {
                /** @description Where the listing comes from (default OFAC-SDN) */
                source?: string;
            };
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description The OFAC SDN file itself: SDN.XML or sdn.csv */
        requestBody: {
            content: {
                "text/xml": string;
                "application/xml": string;
                "text/csv": string;
                "text/plain": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlocklistImportResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyConflict"];
            /** @description PAYLOAD_TOO_LARGE: the body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: the body is not of a type this operation reads */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    importBlocklist: {
        parameters: {
            query?: {
                /** @description Where the listing comes from (default OFAC-SDN) */
                source?: string;
            };
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description The OFAC SDN file itself: SDN.XML or sdn.csv */
        requestBody: {
            content: {
                "text/xml": string;
                "application/xml": string;
                "text/csv": string;
                "text/plain": string;
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlocklistImportResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyConflict"];
            /** @description PAYLOAD_TOO_LARGE: the body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: the body is not of a type this operation reads */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    removeFromBlocklist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The EVM address */
                address: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): BLOCKLIST_ENTRY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthCheckDto"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthCheckDto"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description A dependency is down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthCheckDto"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description A dependency is down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    getCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The calendar code */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The calendar code */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutCalendarRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page (absent: from the oldest event kept) */
                after?: string;
                /** @description Comma-separated event types */
                types?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventListResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookListResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["IdempotencyConflict"];
            /** @description A business rule refuses the request; nothing was changed: WEBHOOK_TARGET_REFUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description A business rule refuses the request; nothing was changed: WEBHOOK_TARGET_REFUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedSecretResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the delivery is queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "PENDING" | "DELIVERED" | "FAILED";
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryListResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the delivery is queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): WEBHOOK_NOT_FOUND, DELIVERY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listStablecoins: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StablecoinListResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    registerStablecoin: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateStablecoinRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StablecoinResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: STABLECOIN_ALREADY_REGISTERED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: STABLECOIN_NOT_ON_CHAIN */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listFundStablecoins: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundStablecoinListResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    configureFundStablecoin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                stablecoinId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FundStablecoinRequestDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundStablecoinResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): FUND_NOT_FOUND, STABLECOIN_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: STABLECOIN_SETTINGS_INVALID */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    removeFundStablecoin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                stablecoinId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description A business rule refuses the request; nothing was changed: STABLECOIN_NOT_ACCEPTED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    publishIncome: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishIncomeRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncomeRateResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: INCOME_ALREADY_PUBLISHED, INCOME_ALREADY_DISTRIBUTED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: FUND_NOT_DISTRIBUTING, INCOME_DATE_NOT_ALLOWED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listIncomeAccruals: {
        parameters: {
            query?: {
                /** @description ISO time: accruals up to then (default: now) */
                asOf?: string;
                /** @description Only the holders of this distributor (ISSUER); a DISTRIBUTOR always sees its own only */
                distributorId?: string;
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccrualsResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: INDEX_BEHIND (an asOf past what the chain index knows: try again shortly) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: FUND_NOT_DISTRIBUTING */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createDistribution: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDistributionRequestDto"];
            };
        };
        responses: {
            /** @description Accepted: recorded, the chain follows */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistributionAcceptedDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Conflict with the current state, or an Idempotency-Key reused with another body: DISTRIBUTION_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: FUND_NOT_DISTRIBUTING, RECORD_DATE_NOT_ALLOWED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDistribution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                distributionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistributionResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): FUND_NOT_FOUND, DISTRIBUTION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: FUND_NOT_DISTRIBUTING */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDistributionItems: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
                distributionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DistributionItemsResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): FUND_NOT_FOUND, DISTRIBUTION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description A business rule refuses the request; nothing was changed: FUND_NOT_DISTRIBUTING */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInvestorIncome: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorIncomeResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createReconciliation: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of the client (1 to 255 visible ASCII characters) scoped to its organisation: the same key and body answer the first answer again (same status and body); the same key with another body is 409 IDEMPOTENCY_KEY_REUSED, and while the first request with the key is still running 409 IDEMPOTENCY_REQUEST_IN_PROGRESS (retry later). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: recorded, the worker runs it */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationAcceptedDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["IdempotencyConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                reconciliationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationResponseDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description Not found, or a resource of another organisation (never revealed): FUND_NOT_FOUND, RECONCILIATION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
