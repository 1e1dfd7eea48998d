<?xml version="1.0" encoding="UTF-8"?>
<!-- A school's year: its state, its teachers with their results, the actions it allows. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>
  <xsl:variable name="base" select="concat('/', substring-before(concat(substring(/page/request/@path, 2), '/'), '/'))"/>

  <xsl:template match="/page" mode="title"><xsl:value-of select="school/name"/></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="s" select="school"/>
    <h1><xsl:value-of select="$s/name"/> · <xsl:value-of select="$s/@year"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'teacher.school-year'"/></xsl:call-template></h1>
    <p class="lead">
      <xsl:call-template name="str"><xsl:with-param name="k" select="'school.state'"/></xsl:call-template><xsl:call-template name="str"><xsl:with-param name="k" select="concat('year-state.', $s/@state)"/></xsl:call-template>
      · <xsl:call-template name="str"><xsl:with-param name="k" select="'school.teachers'"/></xsl:call-template> <xsl:value-of select="$s/@teachers"/> · <xsl:call-template name="str"><xsl:with-param name="k" select="'school.failing'"/></xsl:call-template> <xsl:value-of select="$s/@failing"/>
      <xsl:if test="$s/@flagged = 'yes'"> · <strong class="flag"><xsl:call-template name="str"><xsl:with-param name="k" select="'school.flagged'"/></xsl:call-template></strong></xsl:if>
    </p>
    <xsl:if test="$s/reopened-reason and $s/@state = 'open'">
      <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'school.reopened-reason'"/></xsl:call-template><xsl:value-of select="$s/reopened-reason"/></p>
    </xsl:if>
    <xsl:call-template name="deadlines"><xsl:with-param name="list" select="$s/deadlines/deadline"/></xsl:call-template>
    <xsl:if test="refused">
      <p class="notice" role="alert"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('refused.', refused/@code)"/></xsl:call-template></p>
    </xsl:if>
    <div class="actions">
      <xsl:if test="$base = '/school'">
        <a class="button" href="/school/summary"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.summary'"/></xsl:call-template></a>
        <a class="button" href="/school/bundle"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.bundle'"/></xsl:call-template></a>
        <a class="button" href="/school/summary.xlsx"><xsl:call-template name="str"><xsl:with-param name="k" select="'export.xlsx'"/></xsl:call-template></a>
        <a class="button" href="/school/summary.csv"><xsl:call-template name="str"><xsl:with-param name="k" select="'export.csv'"/></xsl:call-template></a>
        <a class="button" href="/school/records.xlsx"><xsl:call-template name="str"><xsl:with-param name="k" select="'export.records.link'"/></xsl:call-template></a>
        <a class="button" href="/school/review"><xsl:call-template name="str"><xsl:with-param name="k" select="'school.queue'"/></xsl:call-template> (<xsl:value-of select="$s/@unreviewed"/>)</a>
        <xsl:if test="user/@role = 'school_admin' and $s/@state = 'open'">
          <form method="post" action="/school/year/submit" class="inline">
            <xsl:call-template name="csrf"/>
            <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'school.submit-year'"/></xsl:call-template></button>
          </form>
        </xsl:if>
      </xsl:if>
      <xsl:if test="$base = '/district'">
        <a class="button" href="/district/review?school={$s/@id}"><xsl:call-template name="str"><xsl:with-param name="k" select="'district.queue'"/></xsl:call-template></a>
        <a class="button" href="/district/schools/{$s/@id}/summary"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.summary'"/></xsl:call-template></a>
        <a class="button" href="/district/schools/{$s/@id}/bundle"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.bundle'"/></xsl:call-template></a>
        <a class="button" href="/district/schools/{$s/@id}/points/print"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.points-print'"/></xsl:call-template></a>
        <xsl:if test="$s/@state = 'submitted'">
          <form method="post" action="/district/schools/{$s/@id}/confirm" class="inline">
            <xsl:call-template name="csrf"/>
            <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'district.confirm'"/></xsl:call-template></button>
          </form>
        </xsl:if>
        <xsl:if test="$s/@state != 'open'">
          <form method="post" action="/district/schools/{$s/@id}/reopen" class="inline">
            <xsl:call-template name="csrf"/>
            <input type="text" name="reason" placeholder="{$S/s[@k='district.reopen-reason']}"/>
            <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'district.reopen'"/></xsl:call-template></button>
          </form>
        </xsl:if>
      </xsl:if>
    </div>
    <xsl:if test="$base = '/district'">
      <section class="card">
        <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'extend.heading'"/></xsl:call-template></h2>
        <xsl:if test="$s/extensions/extension">
          <ul>
            <xsl:for-each select="$s/extensions/extension">
              <li><xsl:call-template name="str"><xsl:with-param name="k" select="concat('deadline.', @kind)"/></xsl:call-template>
                <xsl:call-template name="str"><xsl:with-param name="k" select="'extend.until'"/></xsl:call-template><xsl:value-of select="@until"/>
                · <xsl:value-of select="reason"/> <span class="hint"> <xsl:value-of select="by"/> <xsl:value-of select="@at"/></span></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <form method="post" action="/district/schools/{$s/@id}/extend">
          <xsl:call-template name="csrf"/>
          <div class="field">
            <xsl:if test="/page/form[@name='extend']/form-error[@field = 'kind']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
            <label for="f-kind"><xsl:call-template name="str"><xsl:with-param name="k" select="'extend.kind'"/></xsl:call-template></label>
            <select id="f-kind" name="kind">
              <xsl:for-each select="$S/s[@k='deadline.register' or @k='deadline.school_review']">
                <xsl:variable name="v" select="substring-after(@k, 'deadline.')"/>
                <option value="{$v}"><xsl:if test="/page/form/value[@name='kind'] = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
              </xsl:for-each>
            </select>
            <xsl:call-template name="field-error"><xsl:with-param name="n" select="'kind'"/></xsl:call-template>
          </div>
          <xsl:call-template name="input"><xsl:with-param name="n" select="'until'"/><xsl:with-param name="label" select="'extend.until-label'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
          <xsl:call-template name="input"><xsl:with-param name="n" select="'reason'"/><xsl:with-param name="label" select="'extend.reason'"/></xsl:call-template>
          <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'extend.submit'"/></xsl:call-template></button>
        </form>
      </section>
    </xsl:if>
    <!-- Ticked teachers' cards only: the boxes in the table belong to this form. -->
    <form id="bundle-form" method="get" class="inline">
      <xsl:attribute name="action"><xsl:choose><xsl:when test="$base = '/district'">/district/schools/<xsl:value-of select="$s/@id"/>/bundle</xsl:when><xsl:otherwise>/school/bundle</xsl:otherwise></xsl:choose></xsl:attribute>
      <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'print.chosen'"/></xsl:call-template></button>
    </form>
    <div class="table-wrap">
      <table class="list">
        <thead><tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.teacher'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.category'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'assessment.total'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'assessment.pending'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.needed'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.result'"/></xsl:call-template></th><th></th></tr></thead>
        <tbody>
          <xsl:for-each select="$s/teachers/teacher">
            <tr class="result-{result/@result}">
              <td><input type="checkbox" name="teachers" value="{@teacher-year}" form="bundle-form" aria-label="{name}"/> <a href="{$base}/teachers/{@teacher-year}"><xsl:value-of select="name"/></a> <span class="hint"> <xsl:value-of select="@staff-no"/></span></td>
              <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('category.', @category)"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@confirmed-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@pending-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="hours"><xsl:with-param name="t" select="result/@threshold-tenths"/></xsl:call-template></td>
              <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('result.', result/@result)"/></xsl:call-template></td>
              <td><xsl:if test="$base = '/school' and /page/user/@role = 'school_admin' and $s/@state = 'open'"><a href="/school/records/new?teacher-year={@teacher-year}"><xsl:call-template name="str"><xsl:with-param name="k" select="'nav.register'"/></xsl:call-template></a></xsl:if></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
