/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation UpdateProfile($name: String!) {\n    updateProfile(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RegisterUser($input: RegisterInput!) {\n    register(input: $input) {\n      ...RegistrationSent_RegisterPayload\n    }\n  }\n": typeof types.RegisterUserDocument,
    "\n  fragment RegistrationSent_RegisterPayload on RegisterPayload {\n    user {\n      id\n      email\n    }\n    totpSetup {\n      secret\n      qrCodeDataUrl\n    }\n  }\n": typeof types.RegistrationSent_RegisterPayloadFragmentDoc,
    "\n  mutation BeginTotpSetup {\n    beginTotpSetup {\n      secret\n      qrCodeDataUrl\n    }\n  }\n": typeof types.BeginTotpSetupDocument,
    "\n  mutation EnableTotp($code: String!) {\n    enableTotp(code: $code) {\n      id\n      totpEnabled\n      totpPending\n    }\n  }\n": typeof types.EnableTotpDocument,
    "\n  mutation DisableTotp($code: String!, $password: String!) {\n    disableTotp(code: $code, password: $password) {\n      id\n      totpEnabled\n      totpPending\n    }\n  }\n": typeof types.DisableTotpDocument,
    "\n  fragment ApiTokenRow_ApiToken on ApiToken {\n    id\n    name\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.ApiTokenRow_ApiTokenFragmentDoc,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  fragment AddToBasket_Product on Product {\n    id\n    name\n    priceCents\n    stock\n  }\n": typeof types.AddToBasket_ProductFragmentDoc,
    "\n  fragment Basket_Product on Product {\n    id\n    name\n    priceCents\n    stock\n    deletedAt\n  }\n": typeof types.Basket_ProductFragmentDoc,
    "\n  mutation CreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n      name\n      ...CustomerRow_User\n    }\n  }\n": typeof types.CreateCustomerDocument,
    "\n  fragment BudgetForms_User on User {\n    id\n    budgetCents\n  }\n": typeof types.BudgetForms_UserFragmentDoc,
    "\n  mutation SetBudget($userId: ID!, $budgetCents: SafeInt!) {\n    setBudget(userId: $userId, budgetCents: $budgetCents) {\n      id\n      budgetCents\n      ...CustomerRow_User\n    }\n  }\n": typeof types.SetBudgetDocument,
    "\n  mutation AdjustBudget($userId: ID!, $deltaCents: SafeInt!) {\n    adjustBudget(userId: $userId, deltaCents: $deltaCents) {\n      id\n      budgetCents\n      ...CustomerRow_User\n    }\n  }\n": typeof types.AdjustBudgetDocument,
    "\n  fragment CustomerActions_User on User {\n    id\n    name\n    email\n    tier\n    ...BudgetForms_User\n  }\n": typeof types.CustomerActions_UserFragmentDoc,
    "\n  mutation SetTier($userId: ID!, $tier: CustomerTier!) {\n    setTier(userId: $userId, tier: $tier) {\n      ...CustomerRow_User\n    }\n  }\n": typeof types.SetTierDocument,
    "\n  fragment CustomerRow_User on User {\n    id\n    name\n    email\n    role\n    tier\n    budgetCents\n    totalSpentCents\n    createdAt\n    testAccount\n    ...CustomerActions_User\n  }\n": typeof types.CustomerRow_UserFragmentDoc,
    "\n  mutation DeleteCustomer($id: ID!) {\n    deleteCustomer(id: $id)\n  }\n": typeof types.DeleteCustomerDocument,
    "\n  fragment HeadlineFigures_Dashboard on Dashboard {\n    customerCount\n    premiumCustomerCount\n    productCount\n    orderCount\n    revenueCents\n  }\n": typeof types.HeadlineFigures_DashboardFragmentDoc,
    "\n  fragment LoadTest_Dashboard on Dashboard {\n    scheduler {\n      queued\n      inFlight\n      processedTotal\n    }\n  }\n": typeof types.LoadTest_DashboardFragmentDoc,
    "\n  mutation GenerateRandomOrders($count: Int!) {\n    generateRandomOrders(count: $count)\n  }\n": typeof types.GenerateRandomOrdersDocument,
    "\n  fragment OrderCharts_Dashboard on Dashboard {\n    ordersByStatus {\n      status\n      count\n    }\n    throughput {\n      minute\n      approved\n      rejected\n    }\n  }\n": typeof types.OrderCharts_DashboardFragmentDoc,
    "\n  fragment SchedulerFigures_Dashboard on Dashboard {\n    scheduler {\n      queued\n      inFlight\n      concurrency\n      processedTotal\n      approvedTotal\n      rejectedTotal\n      meanWaitMsPremium\n      meanWaitMsStandard\n    }\n  }\n": typeof types.SchedulerFigures_DashboardFragmentDoc,
    "\n  query AdminHome {\n    dashboard {\n      ...HeadlineFigures_Dashboard\n    }\n  }\n": typeof types.AdminHomeDocument,
    "\n  subscription AdminHomeDashboardUpdated {\n    dashboardUpdated {\n      ...HeadlineFigures_Dashboard\n    }\n  }\n": typeof types.AdminHomeDashboardUpdatedDocument,
    "\n  query CustomerHome($first: Int!) {\n    me {\n      id\n      budgetCents\n    }\n    orders(first: $first) {\n      nodes {\n        id\n        createdAt\n        ...RecentOrders_Order\n      }\n    }\n  }\n": typeof types.CustomerHomeDocument,
    "\n  subscription RecentOrderUpdated {\n    orderUpdated {\n      id\n      createdAt\n      ...RecentOrders_Order\n    }\n  }\n": typeof types.RecentOrderUpdatedDocument,
    "\n  fragment RecentOrders_Order on Order {\n    id\n    status\n    reason\n    totalCents\n    createdAt\n    items {\n      productId\n      productName\n      quantity\n    }\n    customer {\n      id\n      budgetCents\n    }\n  }\n": typeof types.RecentOrders_OrderFragmentDoc,
    "\n  fragment LogRow_LogEntry on LogEntry {\n    id\n    at\n    type\n    level\n    message\n    orderId\n    productId\n    userId\n    actor {\n      id\n      name\n    }\n  }\n": typeof types.LogRow_LogEntryFragmentDoc,
    "\n  fragment OrderReason_Order on Order {\n    reason\n    rejection {\n      code\n      productName\n      requestedQuantity\n      availableQuantity\n      requiredCents\n      availableCents\n    }\n  }\n": typeof types.OrderReason_OrderFragmentDoc,
    "\n  fragment OrderRow_Order on Order {\n    id\n    status\n    totalCents\n    priority\n    ...OrderReason_Order\n    createdAt\n    updatedAt\n    processedAt\n    generated\n    customer {\n      id\n      name\n      email\n      tier\n    }\n    items {\n      productId\n      productName\n      quantity\n      unitPriceCents\n      lineTotalCents\n    }\n  }\n": typeof types.OrderRow_OrderFragmentDoc,
    "\n  query OrdersFilterCustomers {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": typeof types.OrdersFilterCustomersDocument,
    "\n  subscription QueueUpdated {\n    queueUpdated {\n      orderId\n      queuePosition\n      estimatedDecisionAt\n    }\n  }\n": typeof types.QueueUpdatedDocument,
    "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) {\n      id\n      name\n      ...ProductRow_Product\n    }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n": typeof types.DeleteProductDocument,
    "\n  fragment EditProductForm_Product on Product {\n    id\n    name\n    description\n    priceCents\n  }\n": typeof types.EditProductForm_ProductFragmentDoc,
    "\n  mutation UpdateProduct($id: ID!, $input: ProductUpdateInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...ProductRow_Product\n    }\n  }\n": typeof types.UpdateProductDocument,
    "\n  fragment ProductRow_Product on Product {\n    id\n    name\n    description\n    priceCents\n    stock\n    deletedAt\n    updatedAt\n    ...AddToBasket_Product\n    ...EditProductForm_Product\n    ...StockForm_Product\n  }\n": typeof types.ProductRow_ProductFragmentDoc,
    "\n  fragment StockForm_Product on Product {\n    id\n    name\n    stock\n  }\n": typeof types.StockForm_ProductFragmentDoc,
    "\n  mutation SetStock($productId: ID!, $stock: Int!) {\n    setStock(productId: $productId, stock: $stock) {\n      id\n      stock\n      ...ProductRow_Product\n    }\n  }\n": typeof types.SetStockDocument,
    "\n  query Session {\n    me {\n      id\n      name\n      email\n      role\n      tier\n      totpEnabled\n      totpPending\n    }\n  }\n": typeof types.SessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        url\n      }\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation EditWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      ...WebhookCard_Webhook\n    }\n  }\n": typeof types.EditWebhookDocument,
    "\n  mutation SetWebhookEnabled($id: ID!, $enabled: Boolean!) {\n    updateWebhook(id: $id, input: { enabled: $enabled }) {\n      ...WebhookCard_Webhook\n    }\n  }\n": typeof types.SetWebhookEnabledDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  fragment WebhookCard_Webhook on Webhook {\n    id\n    url\n    events\n    description\n    enabled\n    failedDeliveriesInRow\n    disabledReason\n    createdAt\n    updatedAt\n  }\n": typeof types.WebhookCard_WebhookFragmentDoc,
    "\n  query WebhookDeliveries($webhookId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        status\n        attempts\n        ...WebhookDeliveryRow_WebhookDelivery\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  fragment WebhookDeliveryRow_WebhookDelivery on WebhookDelivery {\n    id\n    eventId\n    eventType\n    status\n    attempts\n    responseStatus\n    durationMs\n    lastError\n    lastAttemptAt\n    nextAttemptAt\n    createdAt\n  }\n": typeof types.WebhookDeliveryRow_WebhookDeliveryFragmentDoc,
    "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      id\n      status\n      attempts\n      ...WebhookDeliveryRow_WebhookDelivery\n    }\n  }\n": typeof types.RedeliverWebhookDocument,
    "\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      ...OrderRow_Order\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation SetFulfilmentStatus($id: ID!, $status: OrderStatus!) {\n    setFulfilmentStatus(id: $id, status: $status) {\n      ...OrderRow_Order\n    }\n  }\n": typeof types.SetFulfilmentStatusDocument,
    "\n  query PlaceOrderCustomers {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        email\n        role\n        budgetCents\n      }\n    }\n  }\n": typeof types.PlaceOrderCustomersDocument,
    "\n  subscription OrderUpdated {\n    orderUpdated {\n      id\n      status\n      customer {\n        id\n      }\n      ...OrderRow_Order\n    }\n  }\n": typeof types.OrderUpdatedDocument,
    "\n  query OwnBudget {\n    me {\n      id\n      budgetCents\n    }\n  }\n": typeof types.OwnBudgetDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  subscription ViewerUpdated {\n    viewerUpdated {\n      id\n      name\n      email\n      role\n      tier\n      emailVerified\n      totpEnabled\n      totpPending\n      budgetCents\n      totalSpentCents\n    }\n  }\n": typeof types.ViewerUpdatedDocument,
    "\n  query CustomersPage($filter: UserFilter, $after: String, $first: Int) {\n    users(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        tier\n        ...CustomerRow_User\n      }\n    }\n  }\n": typeof types.CustomersPageDocument,
    "\n  query DashboardPage {\n    dashboard {\n      ...DashboardPage_Dashboard\n    }\n  }\n": typeof types.DashboardPageDocument,
    "\n  fragment DashboardPage_Dashboard on Dashboard {\n    ...HeadlineFigures_Dashboard\n    ...OrderCharts_Dashboard\n    ...SchedulerFigures_Dashboard\n    ...LoadTest_Dashboard\n  }\n": typeof types.DashboardPage_DashboardFragmentDoc,
    "\n  subscription DashboardUpdated {\n    dashboardUpdated {\n      ...DashboardPage_Dashboard\n    }\n  }\n": typeof types.DashboardUpdatedDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  query ApiTokensSection {\n    apiTokens {\n      id\n      ...ApiTokenRow_ApiToken\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n": typeof types.ApiTokensSectionDocument,
    "\n  query WebhooksSection {\n    webhooks {\n      id\n      ...WebhookCard_Webhook\n    }\n  }\n": typeof types.WebhooksSectionDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query LogsPage($filter: LogFilter, $after: String, $first: Int) {\n    logs(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        type\n        level\n        ...LogRow_LogEntry\n      }\n    }\n  }\n": typeof types.LogsPageDocument,
    "\n  subscription LogAdded($types: [LogType!]) {\n    logAdded(types: $types) {\n      id\n      type\n      level\n      ...LogRow_LogEntry\n    }\n  }\n": typeof types.LogAddedDocument,
    "\n  query OrdersPage($filter: OrderFilter, $after: String, $first: Int) {\n    orders(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        status\n        customer {\n          id\n        }\n        ...OrderRow_Order\n      }\n    }\n  }\n": typeof types.OrdersPageDocument,
    "\n  query PlaceOrderPage {\n    products(first: 100) {\n      nodes {\n        id\n        name\n        priceCents\n        stock\n        deletedAt\n      }\n    }\n  }\n": typeof types.PlaceOrderPageDocument,
    "\n  subscription ProductUpdated {\n    productUpdated {\n      id\n      name\n      priceCents\n      stock\n      deletedAt\n    }\n  }\n": typeof types.ProductUpdatedDocument,
    "\n  query ProductsPage($search: String, $after: String, $first: Int) {\n    products(search: $search, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        deletedAt\n        ...ProductRow_Product\n      }\n    }\n  }\n": typeof types.ProductsPageDocument,
    "\n  subscription ProductCatalogUpdated {\n    productUpdated {\n      id\n      deletedAt\n      ...ProductRow_Product\n    }\n  }\n": typeof types.ProductCatalogUpdatedDocument,
    "\n  query ProfilePage {\n    me {\n      id\n      name\n      email\n      role\n      tier\n      emailVerified\n      totpEnabled\n      budgetCents\n      totalSpentCents\n      orders(first: 20) {\n        totalCount\n        nodes {\n          id\n          status\n          totalCents\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.ProfilePageDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation ResendVerificationEmail($email: String!) {\n    resendVerificationEmail(email: $email)\n  }\n": typeof types.ResendVerificationEmailDocument,
};
const documents: Documents = {
    "\n  mutation UpdateProfile($name: String!) {\n    updateProfile(name: $name) {\n      id\n      name\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RegisterUser($input: RegisterInput!) {\n    register(input: $input) {\n      ...RegistrationSent_RegisterPayload\n    }\n  }\n": types.RegisterUserDocument,
    "\n  fragment RegistrationSent_RegisterPayload on RegisterPayload {\n    user {\n      id\n      email\n    }\n    totpSetup {\n      secret\n      qrCodeDataUrl\n    }\n  }\n": types.RegistrationSent_RegisterPayloadFragmentDoc,
    "\n  mutation BeginTotpSetup {\n    beginTotpSetup {\n      secret\n      qrCodeDataUrl\n    }\n  }\n": types.BeginTotpSetupDocument,
    "\n  mutation EnableTotp($code: String!) {\n    enableTotp(code: $code) {\n      id\n      totpEnabled\n      totpPending\n    }\n  }\n": types.EnableTotpDocument,
    "\n  mutation DisableTotp($code: String!, $password: String!) {\n    disableTotp(code: $code, password: $password) {\n      id\n      totpEnabled\n      totpPending\n    }\n  }\n": types.DisableTotpDocument,
    "\n  fragment ApiTokenRow_ApiToken on ApiToken {\n    id\n    name\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n": types.ApiTokenRow_ApiTokenFragmentDoc,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  fragment AddToBasket_Product on Product {\n    id\n    name\n    priceCents\n    stock\n  }\n": types.AddToBasket_ProductFragmentDoc,
    "\n  fragment Basket_Product on Product {\n    id\n    name\n    priceCents\n    stock\n    deletedAt\n  }\n": types.Basket_ProductFragmentDoc,
    "\n  mutation CreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n      name\n      ...CustomerRow_User\n    }\n  }\n": types.CreateCustomerDocument,
    "\n  fragment BudgetForms_User on User {\n    id\n    budgetCents\n  }\n": types.BudgetForms_UserFragmentDoc,
    "\n  mutation SetBudget($userId: ID!, $budgetCents: SafeInt!) {\n    setBudget(userId: $userId, budgetCents: $budgetCents) {\n      id\n      budgetCents\n      ...CustomerRow_User\n    }\n  }\n": types.SetBudgetDocument,
    "\n  mutation AdjustBudget($userId: ID!, $deltaCents: SafeInt!) {\n    adjustBudget(userId: $userId, deltaCents: $deltaCents) {\n      id\n      budgetCents\n      ...CustomerRow_User\n    }\n  }\n": types.AdjustBudgetDocument,
    "\n  fragment CustomerActions_User on User {\n    id\n    name\n    email\n    tier\n    ...BudgetForms_User\n  }\n": types.CustomerActions_UserFragmentDoc,
    "\n  mutation SetTier($userId: ID!, $tier: CustomerTier!) {\n    setTier(userId: $userId, tier: $tier) {\n      ...CustomerRow_User\n    }\n  }\n": types.SetTierDocument,
    "\n  fragment CustomerRow_User on User {\n    id\n    name\n    email\n    role\n    tier\n    budgetCents\n    totalSpentCents\n    createdAt\n    testAccount\n    ...CustomerActions_User\n  }\n": types.CustomerRow_UserFragmentDoc,
    "\n  mutation DeleteCustomer($id: ID!) {\n    deleteCustomer(id: $id)\n  }\n": types.DeleteCustomerDocument,
    "\n  fragment HeadlineFigures_Dashboard on Dashboard {\n    customerCount\n    premiumCustomerCount\n    productCount\n    orderCount\n    revenueCents\n  }\n": types.HeadlineFigures_DashboardFragmentDoc,
    "\n  fragment LoadTest_Dashboard on Dashboard {\n    scheduler {\n      queued\n      inFlight\n      processedTotal\n    }\n  }\n": types.LoadTest_DashboardFragmentDoc,
    "\n  mutation GenerateRandomOrders($count: Int!) {\n    generateRandomOrders(count: $count)\n  }\n": types.GenerateRandomOrdersDocument,
    "\n  fragment OrderCharts_Dashboard on Dashboard {\n    ordersByStatus {\n      status\n      count\n    }\n    throughput {\n      minute\n      approved\n      rejected\n    }\n  }\n": types.OrderCharts_DashboardFragmentDoc,
    "\n  fragment SchedulerFigures_Dashboard on Dashboard {\n    scheduler {\n      queued\n      inFlight\n      concurrency\n      processedTotal\n      approvedTotal\n      rejectedTotal\n      meanWaitMsPremium\n      meanWaitMsStandard\n    }\n  }\n": types.SchedulerFigures_DashboardFragmentDoc,
    "\n  query AdminHome {\n    dashboard {\n      ...HeadlineFigures_Dashboard\n    }\n  }\n": types.AdminHomeDocument,
    "\n  subscription AdminHomeDashboardUpdated {\n    dashboardUpdated {\n      ...HeadlineFigures_Dashboard\n    }\n  }\n": types.AdminHomeDashboardUpdatedDocument,
    "\n  query CustomerHome($first: Int!) {\n    me {\n      id\n      budgetCents\n    }\n    orders(first: $first) {\n      nodes {\n        id\n        createdAt\n        ...RecentOrders_Order\n      }\n    }\n  }\n": types.CustomerHomeDocument,
    "\n  subscription RecentOrderUpdated {\n    orderUpdated {\n      id\n      createdAt\n      ...RecentOrders_Order\n    }\n  }\n": types.RecentOrderUpdatedDocument,
    "\n  fragment RecentOrders_Order on Order {\n    id\n    status\n    reason\n    totalCents\n    createdAt\n    items {\n      productId\n      productName\n      quantity\n    }\n    customer {\n      id\n      budgetCents\n    }\n  }\n": types.RecentOrders_OrderFragmentDoc,
    "\n  fragment LogRow_LogEntry on LogEntry {\n    id\n    at\n    type\n    level\n    message\n    orderId\n    productId\n    userId\n    actor {\n      id\n      name\n    }\n  }\n": types.LogRow_LogEntryFragmentDoc,
    "\n  fragment OrderReason_Order on Order {\n    reason\n    rejection {\n      code\n      productName\n      requestedQuantity\n      availableQuantity\n      requiredCents\n      availableCents\n    }\n  }\n": types.OrderReason_OrderFragmentDoc,
    "\n  fragment OrderRow_Order on Order {\n    id\n    status\n    totalCents\n    priority\n    ...OrderReason_Order\n    createdAt\n    updatedAt\n    processedAt\n    generated\n    customer {\n      id\n      name\n      email\n      tier\n    }\n    items {\n      productId\n      productName\n      quantity\n      unitPriceCents\n      lineTotalCents\n    }\n  }\n": types.OrderRow_OrderFragmentDoc,
    "\n  query OrdersFilterCustomers {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": types.OrdersFilterCustomersDocument,
    "\n  subscription QueueUpdated {\n    queueUpdated {\n      orderId\n      queuePosition\n      estimatedDecisionAt\n    }\n  }\n": types.QueueUpdatedDocument,
    "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) {\n      id\n      name\n      ...ProductRow_Product\n    }\n  }\n": types.CreateProductDocument,
    "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n": types.DeleteProductDocument,
    "\n  fragment EditProductForm_Product on Product {\n    id\n    name\n    description\n    priceCents\n  }\n": types.EditProductForm_ProductFragmentDoc,
    "\n  mutation UpdateProduct($id: ID!, $input: ProductUpdateInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...ProductRow_Product\n    }\n  }\n": types.UpdateProductDocument,
    "\n  fragment ProductRow_Product on Product {\n    id\n    name\n    description\n    priceCents\n    stock\n    deletedAt\n    updatedAt\n    ...AddToBasket_Product\n    ...EditProductForm_Product\n    ...StockForm_Product\n  }\n": types.ProductRow_ProductFragmentDoc,
    "\n  fragment StockForm_Product on Product {\n    id\n    name\n    stock\n  }\n": types.StockForm_ProductFragmentDoc,
    "\n  mutation SetStock($productId: ID!, $stock: Int!) {\n    setStock(productId: $productId, stock: $stock) {\n      id\n      stock\n      ...ProductRow_Product\n    }\n  }\n": types.SetStockDocument,
    "\n  query Session {\n    me {\n      id\n      name\n      email\n      role\n      tier\n      totpEnabled\n      totpPending\n    }\n  }\n": types.SessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        url\n      }\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation EditWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      ...WebhookCard_Webhook\n    }\n  }\n": types.EditWebhookDocument,
    "\n  mutation SetWebhookEnabled($id: ID!, $enabled: Boolean!) {\n    updateWebhook(id: $id, input: { enabled: $enabled }) {\n      ...WebhookCard_Webhook\n    }\n  }\n": types.SetWebhookEnabledDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": types.DeleteWebhookDocument,
    "\n  fragment WebhookCard_Webhook on Webhook {\n    id\n    url\n    events\n    description\n    enabled\n    failedDeliveriesInRow\n    disabledReason\n    createdAt\n    updatedAt\n  }\n": types.WebhookCard_WebhookFragmentDoc,
    "\n  query WebhookDeliveries($webhookId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        status\n        attempts\n        ...WebhookDeliveryRow_WebhookDelivery\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  fragment WebhookDeliveryRow_WebhookDelivery on WebhookDelivery {\n    id\n    eventId\n    eventType\n    status\n    attempts\n    responseStatus\n    durationMs\n    lastError\n    lastAttemptAt\n    nextAttemptAt\n    createdAt\n  }\n": types.WebhookDeliveryRow_WebhookDeliveryFragmentDoc,
    "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      id\n      status\n      attempts\n      ...WebhookDeliveryRow_WebhookDelivery\n    }\n  }\n": types.RedeliverWebhookDocument,
    "\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      ...OrderRow_Order\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation SetFulfilmentStatus($id: ID!, $status: OrderStatus!) {\n    setFulfilmentStatus(id: $id, status: $status) {\n      ...OrderRow_Order\n    }\n  }\n": types.SetFulfilmentStatusDocument,
    "\n  query PlaceOrderCustomers {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        email\n        role\n        budgetCents\n      }\n    }\n  }\n": types.PlaceOrderCustomersDocument,
    "\n  subscription OrderUpdated {\n    orderUpdated {\n      id\n      status\n      customer {\n        id\n      }\n      ...OrderRow_Order\n    }\n  }\n": types.OrderUpdatedDocument,
    "\n  query OwnBudget {\n    me {\n      id\n      budgetCents\n    }\n  }\n": types.OwnBudgetDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n      status\n    }\n  }\n": types.PlaceOrderDocument,
    "\n  subscription ViewerUpdated {\n    viewerUpdated {\n      id\n      name\n      email\n      role\n      tier\n      emailVerified\n      totpEnabled\n      totpPending\n      budgetCents\n      totalSpentCents\n    }\n  }\n": types.ViewerUpdatedDocument,
    "\n  query CustomersPage($filter: UserFilter, $after: String, $first: Int) {\n    users(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        tier\n        ...CustomerRow_User\n      }\n    }\n  }\n": types.CustomersPageDocument,
    "\n  query DashboardPage {\n    dashboard {\n      ...DashboardPage_Dashboard\n    }\n  }\n": types.DashboardPageDocument,
    "\n  fragment DashboardPage_Dashboard on Dashboard {\n    ...HeadlineFigures_Dashboard\n    ...OrderCharts_Dashboard\n    ...SchedulerFigures_Dashboard\n    ...LoadTest_Dashboard\n  }\n": types.DashboardPage_DashboardFragmentDoc,
    "\n  subscription DashboardUpdated {\n    dashboardUpdated {\n      ...DashboardPage_Dashboard\n    }\n  }\n": types.DashboardUpdatedDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  query ApiTokensSection {\n    apiTokens {\n      id\n      ...ApiTokenRow_ApiToken\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n": types.ApiTokensSectionDocument,
    "\n  query WebhooksSection {\n    webhooks {\n      id\n      ...WebhookCard_Webhook\n    }\n  }\n": types.WebhooksSectionDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query LogsPage($filter: LogFilter, $after: String, $first: Int) {\n    logs(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        type\n        level\n        ...LogRow_LogEntry\n      }\n    }\n  }\n": types.LogsPageDocument,
    "\n  subscription LogAdded($types: [LogType!]) {\n    logAdded(types: $types) {\n      id\n      type\n      level\n      ...LogRow_LogEntry\n    }\n  }\n": types.LogAddedDocument,
    "\n  query OrdersPage($filter: OrderFilter, $after: String, $first: Int) {\n    orders(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        status\n        customer {\n          id\n        }\n        ...OrderRow_Order\n      }\n    }\n  }\n": types.OrdersPageDocument,
    "\n  query PlaceOrderPage {\n    products(first: 100) {\n      nodes {\n        id\n        name\n        priceCents\n        stock\n        deletedAt\n      }\n    }\n  }\n": types.PlaceOrderPageDocument,
    "\n  subscription ProductUpdated {\n    productUpdated {\n      id\n      name\n      priceCents\n      stock\n      deletedAt\n    }\n  }\n": types.ProductUpdatedDocument,
    "\n  query ProductsPage($search: String, $after: String, $first: Int) {\n    products(search: $search, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        deletedAt\n        ...ProductRow_Product\n      }\n    }\n  }\n": types.ProductsPageDocument,
    "\n  subscription ProductCatalogUpdated {\n    productUpdated {\n      id\n      deletedAt\n      ...ProductRow_Product\n    }\n  }\n": types.ProductCatalogUpdatedDocument,
    "\n  query ProfilePage {\n    me {\n      id\n      name\n      email\n      role\n      tier\n      emailVerified\n      totpEnabled\n      budgetCents\n      totalSpentCents\n      orders(first: 20) {\n        totalCount\n        nodes {\n          id\n          status\n          totalCents\n          createdAt\n        }\n      }\n    }\n  }\n": types.ProfilePageDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n": types.VerifyEmailDocument,
    "\n  mutation ResendVerificationEmail($email: String!) {\n    resendVerificationEmail(email: $email)\n  }\n": types.ResendVerificationEmailDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($name: String!) {\n    updateProfile(name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($name: String!) {\n    updateProfile(name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterUser($input: RegisterInput!) {\n    register(input: $input) {\n      ...RegistrationSent_RegisterPayload\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterUser($input: RegisterInput!) {\n    register(input: $input) {\n      ...RegistrationSent_RegisterPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegistrationSent_RegisterPayload on RegisterPayload {\n    user {\n      id\n      email\n    }\n    totpSetup {\n      secret\n      qrCodeDataUrl\n    }\n  }\n"): (typeof documents)["\n  fragment RegistrationSent_RegisterPayload on RegisterPayload {\n    user {\n      id\n      email\n    }\n    totpSetup {\n      secret\n      qrCodeDataUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginTotpSetup {\n    beginTotpSetup {\n      secret\n      qrCodeDataUrl\n    }\n  }\n"): (typeof documents)["\n  mutation BeginTotpSetup {\n    beginTotpSetup {\n      secret\n      qrCodeDataUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableTotp($code: String!) {\n    enableTotp(code: $code) {\n      id\n      totpEnabled\n      totpPending\n    }\n  }\n"): (typeof documents)["\n  mutation EnableTotp($code: String!) {\n    enableTotp(code: $code) {\n      id\n      totpEnabled\n      totpPending\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTotp($code: String!, $password: String!) {\n    disableTotp(code: $code, password: $password) {\n      id\n      totpEnabled\n      totpPending\n    }\n  }\n"): (typeof documents)["\n  mutation DisableTotp($code: String!, $password: String!) {\n    disableTotp(code: $code, password: $password) {\n      id\n      totpEnabled\n      totpPending\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenRow_ApiToken on ApiToken {\n    id\n    name\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiTokenRow_ApiToken on ApiToken {\n    id\n    name\n    scopes\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AddToBasket_Product on Product {\n    id\n    name\n    priceCents\n    stock\n  }\n"): (typeof documents)["\n  fragment AddToBasket_Product on Product {\n    id\n    name\n    priceCents\n    stock\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Basket_Product on Product {\n    id\n    name\n    priceCents\n    stock\n    deletedAt\n  }\n"): (typeof documents)["\n  fragment Basket_Product on Product {\n    id\n    name\n    priceCents\n    stock\n    deletedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n      name\n      ...CustomerRow_User\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      id\n      name\n      ...CustomerRow_User\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BudgetForms_User on User {\n    id\n    budgetCents\n  }\n"): (typeof documents)["\n  fragment BudgetForms_User on User {\n    id\n    budgetCents\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBudget($userId: ID!, $budgetCents: SafeInt!) {\n    setBudget(userId: $userId, budgetCents: $budgetCents) {\n      id\n      budgetCents\n      ...CustomerRow_User\n    }\n  }\n"): (typeof documents)["\n  mutation SetBudget($userId: ID!, $budgetCents: SafeInt!) {\n    setBudget(userId: $userId, budgetCents: $budgetCents) {\n      id\n      budgetCents\n      ...CustomerRow_User\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustBudget($userId: ID!, $deltaCents: SafeInt!) {\n    adjustBudget(userId: $userId, deltaCents: $deltaCents) {\n      id\n      budgetCents\n      ...CustomerRow_User\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustBudget($userId: ID!, $deltaCents: SafeInt!) {\n    adjustBudget(userId: $userId, deltaCents: $deltaCents) {\n      id\n      budgetCents\n      ...CustomerRow_User\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerActions_User on User {\n    id\n    name\n    email\n    tier\n    ...BudgetForms_User\n  }\n"): (typeof documents)["\n  fragment CustomerActions_User on User {\n    id\n    name\n    email\n    tier\n    ...BudgetForms_User\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTier($userId: ID!, $tier: CustomerTier!) {\n    setTier(userId: $userId, tier: $tier) {\n      ...CustomerRow_User\n    }\n  }\n"): (typeof documents)["\n  mutation SetTier($userId: ID!, $tier: CustomerTier!) {\n    setTier(userId: $userId, tier: $tier) {\n      ...CustomerRow_User\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerRow_User on User {\n    id\n    name\n    email\n    role\n    tier\n    budgetCents\n    totalSpentCents\n    createdAt\n    testAccount\n    ...CustomerActions_User\n  }\n"): (typeof documents)["\n  fragment CustomerRow_User on User {\n    id\n    name\n    email\n    role\n    tier\n    budgetCents\n    totalSpentCents\n    createdAt\n    testAccount\n    ...CustomerActions_User\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCustomer($id: ID!) {\n    deleteCustomer(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteCustomer($id: ID!) {\n    deleteCustomer(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HeadlineFigures_Dashboard on Dashboard {\n    customerCount\n    premiumCustomerCount\n    productCount\n    orderCount\n    revenueCents\n  }\n"): (typeof documents)["\n  fragment HeadlineFigures_Dashboard on Dashboard {\n    customerCount\n    premiumCustomerCount\n    productCount\n    orderCount\n    revenueCents\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LoadTest_Dashboard on Dashboard {\n    scheduler {\n      queued\n      inFlight\n      processedTotal\n    }\n  }\n"): (typeof documents)["\n  fragment LoadTest_Dashboard on Dashboard {\n    scheduler {\n      queued\n      inFlight\n      processedTotal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateRandomOrders($count: Int!) {\n    generateRandomOrders(count: $count)\n  }\n"): (typeof documents)["\n  mutation GenerateRandomOrders($count: Int!) {\n    generateRandomOrders(count: $count)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderCharts_Dashboard on Dashboard {\n    ordersByStatus {\n      status\n      count\n    }\n    throughput {\n      minute\n      approved\n      rejected\n    }\n  }\n"): (typeof documents)["\n  fragment OrderCharts_Dashboard on Dashboard {\n    ordersByStatus {\n      status\n      count\n    }\n    throughput {\n      minute\n      approved\n      rejected\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SchedulerFigures_Dashboard on Dashboard {\n    scheduler {\n      queued\n      inFlight\n      concurrency\n      processedTotal\n      approvedTotal\n      rejectedTotal\n      meanWaitMsPremium\n      meanWaitMsStandard\n    }\n  }\n"): (typeof documents)["\n  fragment SchedulerFigures_Dashboard on Dashboard {\n    scheduler {\n      queued\n      inFlight\n      concurrency\n      processedTotal\n      approvedTotal\n      rejectedTotal\n      meanWaitMsPremium\n      meanWaitMsStandard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminHome {\n    dashboard {\n      ...HeadlineFigures_Dashboard\n    }\n  }\n"): (typeof documents)["\n  query AdminHome {\n    dashboard {\n      ...HeadlineFigures_Dashboard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdminHomeDashboardUpdated {\n    dashboardUpdated {\n      ...HeadlineFigures_Dashboard\n    }\n  }\n"): (typeof documents)["\n  subscription AdminHomeDashboardUpdated {\n    dashboardUpdated {\n      ...HeadlineFigures_Dashboard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerHome($first: Int!) {\n    me {\n      id\n      budgetCents\n    }\n    orders(first: $first) {\n      nodes {\n        id\n        createdAt\n        ...RecentOrders_Order\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerHome($first: Int!) {\n    me {\n      id\n      budgetCents\n    }\n    orders(first: $first) {\n      nodes {\n        id\n        createdAt\n        ...RecentOrders_Order\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RecentOrderUpdated {\n    orderUpdated {\n      id\n      createdAt\n      ...RecentOrders_Order\n    }\n  }\n"): (typeof documents)["\n  subscription RecentOrderUpdated {\n    orderUpdated {\n      id\n      createdAt\n      ...RecentOrders_Order\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecentOrders_Order on Order {\n    id\n    status\n    reason\n    totalCents\n    createdAt\n    items {\n      productId\n      productName\n      quantity\n    }\n    customer {\n      id\n      budgetCents\n    }\n  }\n"): (typeof documents)["\n  fragment RecentOrders_Order on Order {\n    id\n    status\n    reason\n    totalCents\n    createdAt\n    items {\n      productId\n      productName\n      quantity\n    }\n    customer {\n      id\n      budgetCents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LogRow_LogEntry on LogEntry {\n    id\n    at\n    type\n    level\n    message\n    orderId\n    productId\n    userId\n    actor {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment LogRow_LogEntry on LogEntry {\n    id\n    at\n    type\n    level\n    message\n    orderId\n    productId\n    userId\n    actor {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderReason_Order on Order {\n    reason\n    rejection {\n      code\n      productName\n      requestedQuantity\n      availableQuantity\n      requiredCents\n      availableCents\n    }\n  }\n"): (typeof documents)["\n  fragment OrderReason_Order on Order {\n    reason\n    rejection {\n      code\n      productName\n      requestedQuantity\n      availableQuantity\n      requiredCents\n      availableCents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderRow_Order on Order {\n    id\n    status\n    totalCents\n    priority\n    ...OrderReason_Order\n    createdAt\n    updatedAt\n    processedAt\n    generated\n    customer {\n      id\n      name\n      email\n      tier\n    }\n    items {\n      productId\n      productName\n      quantity\n      unitPriceCents\n      lineTotalCents\n    }\n  }\n"): (typeof documents)["\n  fragment OrderRow_Order on Order {\n    id\n    status\n    totalCents\n    priority\n    ...OrderReason_Order\n    createdAt\n    updatedAt\n    processedAt\n    generated\n    customer {\n      id\n      name\n      email\n      tier\n    }\n    items {\n      productId\n      productName\n      quantity\n      unitPriceCents\n      lineTotalCents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersFilterCustomers {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrdersFilterCustomers {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueUpdated {\n    queueUpdated {\n      orderId\n      queuePosition\n      estimatedDecisionAt\n    }\n  }\n"): (typeof documents)["\n  subscription QueueUpdated {\n    queueUpdated {\n      orderId\n      queuePosition\n      estimatedDecisionAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) {\n      id\n      name\n      ...ProductRow_Product\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) {\n      id\n      name\n      ...ProductRow_Product\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditProductForm_Product on Product {\n    id\n    name\n    description\n    priceCents\n  }\n"): (typeof documents)["\n  fragment EditProductForm_Product on Product {\n    id\n    name\n    description\n    priceCents\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $input: ProductUpdateInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...ProductRow_Product\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $input: ProductUpdateInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...ProductRow_Product\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductRow_Product on Product {\n    id\n    name\n    description\n    priceCents\n    stock\n    deletedAt\n    updatedAt\n    ...AddToBasket_Product\n    ...EditProductForm_Product\n    ...StockForm_Product\n  }\n"): (typeof documents)["\n  fragment ProductRow_Product on Product {\n    id\n    name\n    description\n    priceCents\n    stock\n    deletedAt\n    updatedAt\n    ...AddToBasket_Product\n    ...EditProductForm_Product\n    ...StockForm_Product\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StockForm_Product on Product {\n    id\n    name\n    stock\n  }\n"): (typeof documents)["\n  fragment StockForm_Product on Product {\n    id\n    name\n    stock\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStock($productId: ID!, $stock: Int!) {\n    setStock(productId: $productId, stock: $stock) {\n      id\n      stock\n      ...ProductRow_Product\n    }\n  }\n"): (typeof documents)["\n  mutation SetStock($productId: ID!, $stock: Int!) {\n    setStock(productId: $productId, stock: $stock) {\n      id\n      stock\n      ...ProductRow_Product\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    me {\n      id\n      name\n      email\n      role\n      tier\n      totpEnabled\n      totpPending\n    }\n  }\n"): (typeof documents)["\n  query Session {\n    me {\n      id\n      name\n      email\n      role\n      tier\n      totpEnabled\n      totpPending\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      ...WebhookCard_Webhook\n    }\n  }\n"): (typeof documents)["\n  mutation EditWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      ...WebhookCard_Webhook\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWebhookEnabled($id: ID!, $enabled: Boolean!) {\n    updateWebhook(id: $id, input: { enabled: $enabled }) {\n      ...WebhookCard_Webhook\n    }\n  }\n"): (typeof documents)["\n  mutation SetWebhookEnabled($id: ID!, $enabled: Boolean!) {\n    updateWebhook(id: $id, input: { enabled: $enabled }) {\n      ...WebhookCard_Webhook\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookCard_Webhook on Webhook {\n    id\n    url\n    events\n    description\n    enabled\n    failedDeliveriesInRow\n    disabledReason\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment WebhookCard_Webhook on Webhook {\n    id\n    url\n    events\n    description\n    enabled\n    failedDeliveriesInRow\n    disabledReason\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($webhookId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        status\n        attempts\n        ...WebhookDeliveryRow_WebhookDelivery\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($webhookId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        status\n        attempts\n        ...WebhookDeliveryRow_WebhookDelivery\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookDeliveryRow_WebhookDelivery on WebhookDelivery {\n    id\n    eventId\n    eventType\n    status\n    attempts\n    responseStatus\n    durationMs\n    lastError\n    lastAttemptAt\n    nextAttemptAt\n    createdAt\n  }\n"): (typeof documents)["\n  fragment WebhookDeliveryRow_WebhookDelivery on WebhookDelivery {\n    id\n    eventId\n    eventType\n    status\n    attempts\n    responseStatus\n    durationMs\n    lastError\n    lastAttemptAt\n    nextAttemptAt\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      id\n      status\n      attempts\n      ...WebhookDeliveryRow_WebhookDelivery\n    }\n  }\n"): (typeof documents)["\n  mutation RedeliverWebhook($deliveryId: ID!) {\n    redeliverWebhook(deliveryId: $deliveryId) {\n      id\n      status\n      attempts\n      ...WebhookDeliveryRow_WebhookDelivery\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      ...OrderRow_Order\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      ...OrderRow_Order\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetFulfilmentStatus($id: ID!, $status: OrderStatus!) {\n    setFulfilmentStatus(id: $id, status: $status) {\n      ...OrderRow_Order\n    }\n  }\n"): (typeof documents)["\n  mutation SetFulfilmentStatus($id: ID!, $status: OrderStatus!) {\n    setFulfilmentStatus(id: $id, status: $status) {\n      ...OrderRow_Order\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaceOrderCustomers {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        email\n        role\n        budgetCents\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlaceOrderCustomers {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        email\n        role\n        budgetCents\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderUpdated {\n    orderUpdated {\n      id\n      status\n      customer {\n        id\n      }\n      ...OrderRow_Order\n    }\n  }\n"): (typeof documents)["\n  subscription OrderUpdated {\n    orderUpdated {\n      id\n      status\n      customer {\n        id\n      }\n      ...OrderRow_Order\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnBudget {\n    me {\n      id\n      budgetCents\n    }\n  }\n"): (typeof documents)["\n  query OwnBudget {\n    me {\n      id\n      budgetCents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ViewerUpdated {\n    viewerUpdated {\n      id\n      name\n      email\n      role\n      tier\n      emailVerified\n      totpEnabled\n      totpPending\n      budgetCents\n      totalSpentCents\n    }\n  }\n"): (typeof documents)["\n  subscription ViewerUpdated {\n    viewerUpdated {\n      id\n      name\n      email\n      role\n      tier\n      emailVerified\n      totpEnabled\n      totpPending\n      budgetCents\n      totalSpentCents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomersPage($filter: UserFilter, $after: String, $first: Int) {\n    users(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        tier\n        ...CustomerRow_User\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomersPage($filter: UserFilter, $after: String, $first: Int) {\n    users(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        tier\n        ...CustomerRow_User\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPage {\n    dashboard {\n      ...DashboardPage_Dashboard\n    }\n  }\n"): (typeof documents)["\n  query DashboardPage {\n    dashboard {\n      ...DashboardPage_Dashboard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardPage_Dashboard on Dashboard {\n    ...HeadlineFigures_Dashboard\n    ...OrderCharts_Dashboard\n    ...SchedulerFigures_Dashboard\n    ...LoadTest_Dashboard\n  }\n"): (typeof documents)["\n  fragment DashboardPage_Dashboard on Dashboard {\n    ...HeadlineFigures_Dashboard\n    ...OrderCharts_Dashboard\n    ...SchedulerFigures_Dashboard\n    ...LoadTest_Dashboard\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardUpdated {\n    dashboardUpdated {\n      ...DashboardPage_Dashboard\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardUpdated {\n    dashboardUpdated {\n      ...DashboardPage_Dashboard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokensSection {\n    apiTokens {\n      id\n      ...ApiTokenRow_ApiToken\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n"): (typeof documents)["\n  query ApiTokensSection {\n    apiTokens {\n      id\n      ...ApiTokenRow_ApiToken\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksSection {\n    webhooks {\n      id\n      ...WebhookCard_Webhook\n    }\n  }\n"): (typeof documents)["\n  query WebhooksSection {\n    webhooks {\n      id\n      ...WebhookCard_Webhook\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LogsPage($filter: LogFilter, $after: String, $first: Int) {\n    logs(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        type\n        level\n        ...LogRow_LogEntry\n      }\n    }\n  }\n"): (typeof documents)["\n  query LogsPage($filter: LogFilter, $after: String, $first: Int) {\n    logs(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        type\n        level\n        ...LogRow_LogEntry\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LogAdded($types: [LogType!]) {\n    logAdded(types: $types) {\n      id\n      type\n      level\n      ...LogRow_LogEntry\n    }\n  }\n"): (typeof documents)["\n  subscription LogAdded($types: [LogType!]) {\n    logAdded(types: $types) {\n      id\n      type\n      level\n      ...LogRow_LogEntry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersPage($filter: OrderFilter, $after: String, $first: Int) {\n    orders(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        status\n        customer {\n          id\n        }\n        ...OrderRow_Order\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrdersPage($filter: OrderFilter, $after: String, $first: Int) {\n    orders(filter: $filter, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        status\n        customer {\n          id\n        }\n        ...OrderRow_Order\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaceOrderPage {\n    products(first: 100) {\n      nodes {\n        id\n        name\n        priceCents\n        stock\n        deletedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlaceOrderPage {\n    products(first: 100) {\n      nodes {\n        id\n        name\n        priceCents\n        stock\n        deletedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProductUpdated {\n    productUpdated {\n      id\n      name\n      priceCents\n      stock\n      deletedAt\n    }\n  }\n"): (typeof documents)["\n  subscription ProductUpdated {\n    productUpdated {\n      id\n      name\n      priceCents\n      stock\n      deletedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsPage($search: String, $after: String, $first: Int) {\n    products(search: $search, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        deletedAt\n        ...ProductRow_Product\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductsPage($search: String, $after: String, $first: Int) {\n    products(search: $search, after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        deletedAt\n        ...ProductRow_Product\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProductCatalogUpdated {\n    productUpdated {\n      id\n      deletedAt\n      ...ProductRow_Product\n    }\n  }\n"): (typeof documents)["\n  subscription ProductCatalogUpdated {\n    productUpdated {\n      id\n      deletedAt\n      ...ProductRow_Product\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfilePage {\n    me {\n      id\n      name\n      email\n      role\n      tier\n      emailVerified\n      totpEnabled\n      budgetCents\n      totalSpentCents\n      orders(first: 20) {\n        totalCount\n        nodes {\n          id\n          status\n          totalCents\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProfilePage {\n    me {\n      id\n      name\n      email\n      role\n      tier\n      emailVerified\n      totpEnabled\n      budgetCents\n      totalSpentCents\n      orders(first: 20) {\n        totalCount\n        nodes {\n          id\n          status\n          totalCents\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerificationEmail($email: String!) {\n    resendVerificationEmail(email: $email)\n  }\n"): (typeof documents)["\n  mutation ResendVerificationEmail($email: String!) {\n    resendVerificationEmail(email: $email)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;